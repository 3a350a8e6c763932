export { EntityRefList } from './EntityRefList';
