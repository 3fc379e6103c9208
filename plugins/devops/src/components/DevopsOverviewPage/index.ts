export {
  DevopsOverviewContent,
  DevopsOverviewPage,
} from './DevopsOverviewPage';
