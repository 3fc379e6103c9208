export * from './DevopsApi';
export * from './DevopsClient';
