import { createConditionExports } from '@backstage/plugin-permission-node';
import { accessRequestResourceRef } from './resource';
import { accessRequestRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: accessRequestResourceRef,
  rules: accessRequestRules,
});

/**
 * Condition factories for permission policies deciding on access requests and grants.
 *
 * @public
 */
export const accessRequestConditions = conditions;

/**
 * Makes a conditional decision on access requests and grants from these conditions.
 *
 * @public
 */
export const createAccessRequestConditionalDecision = createConditionalDecision;
