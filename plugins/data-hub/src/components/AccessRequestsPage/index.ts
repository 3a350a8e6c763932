export {
  AccessRequestsContent,
  AccessRequestsPage,
  AccessRequestsPageBody,
} from './AccessRequestsPage';
