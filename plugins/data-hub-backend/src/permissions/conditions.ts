import { createConditionExports } from '@backstage/plugin-permission-node';
import { accessRequestResourceRef } from './resource';
import { accessRequestRules } from './rules';

/** Condition factories for permission policies deciding on access requests and grants. */
export const {
  conditions: accessRequestConditions,
  createConditionalDecision: createAccessRequestConditionalDecision,
} = createConditionExports({
  resourceRef: accessRequestResourceRef,
  rules: accessRequestRules,
});
