/**
 * The Cloud Data Hub backend plugin.
 *
 * @packageDocumentation
 */
export { dataHubPlugin as default } from './plugin';
export {
  accessRequestConditions,
  createAccessRequestConditionalDecision,
  accessRequestRules,
  accessRequestResourceRef,
  type AccessQuery,
  type AccessQueryColumn,
} from './permissions';
