import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of access requests and grants, for conditional decisions.
 *
 * @public
 */
export const DATA_HUB_ACCESS_RESOURCE_TYPE = 'data-hub-access';

/**
 * Create an access request (for a use case the user belongs to).
 *
 * @public
 */
export const dataHubAccessRequestCreatePermission = createPermission({
  name: 'data-hub.access-request.create',
  attributes: { action: 'create' },
});

/**
 * Approve or reject a request; the service additionally requires dataset ownership and four eyes.
 *
 * @public
 */
export const dataHubAccessRequestDecidePermission = createPermission({
  name: 'data-hub.access-request.decide',
  attributes: { action: 'update' },
  resourceType: DATA_HUB_ACCESS_RESOURCE_TYPE,
});

/**
 * Revoke a live grant; the service additionally requires dataset ownership or use-case membership.
 *
 * @public
 */
export const dataHubGrantRevokePermission = createPermission({
  name: 'data-hub.grant.revoke',
  attributes: { action: 'delete' },
  resourceType: DATA_HUB_ACCESS_RESOURCE_TYPE,
});

/**
 * Compare live grants with what the granter enforces, and repair drift.
 *
 * @public
 */
export const dataHubGrantReconcilePermission = createPermission({
  name: 'data-hub.grant.reconcile',
  attributes: { action: 'update' },
});

/**
 * Read an access request, its grant and their audit trail: the justification, the decision comments and the
 * columns asked for. A conditional decision (for example the requester's team, the dataset's owners or the
 * platform team) also filters the lists of requests, grants and audit events in SQL.
 *
 * @public
 */
export const dataHubAccessRequestReadPermission = createPermission({
  name: 'data-hub.access-request.read',
  attributes: { action: 'read' },
  resourceType: DATA_HUB_ACCESS_RESOURCE_TYPE,
});

/**
 * Run queries on the query page (through the data a use case was granted, which the service still checks).
 *
 * @public
 */
export const dataHubQueryRunPermission = createPermission({
  name: 'data-hub.query.run',
  attributes: { action: 'create' },
});

/** @public */
export const dataHubPermissions = [
  dataHubAccessRequestReadPermission,
  dataHubQueryRunPermission,
  dataHubAccessRequestCreatePermission,
  dataHubAccessRequestDecidePermission,
  dataHubGrantRevokePermission,
  dataHubGrantReconcilePermission,
];
