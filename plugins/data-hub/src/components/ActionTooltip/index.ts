export { ActionTooltip } from './ActionTooltip';
