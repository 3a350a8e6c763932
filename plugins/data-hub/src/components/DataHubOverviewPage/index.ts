export {
  DataHubOverviewContent,
  DataHubOverviewPage,
  DataHubOverviewPageContent,
} from './DataHubOverviewPage';
