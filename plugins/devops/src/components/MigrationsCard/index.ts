export { MigrationsCard } from './MigrationsCard';
