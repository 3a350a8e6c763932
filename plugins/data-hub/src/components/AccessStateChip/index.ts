export { AccessStateChip, accessStateLabel } from './AccessStateChip';
