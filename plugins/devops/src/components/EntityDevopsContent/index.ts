export { EntityDevopsContent } from './EntityDevopsContent';
