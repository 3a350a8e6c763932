export { QueryPage, QueryPageContent } from './QueryPage';
