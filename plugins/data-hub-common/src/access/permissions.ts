import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of access requests and grants, for conditional decisions. */
export const DATA_HUB_ACCESS_RESOURCE_TYPE = 'data-hub-access';

/** Create an access request (for a use case the user belongs to). */
export const dataHubAccessRequestCreatePermission = createPermission({
  name: 'data-hub.access-request.create',
  attributes: { action: 'create' },
});

/** Approve or reject a request; the service additionally requires dataset ownership and four eyes. */
export const dataHubAccessRequestDecidePermission = createPermission({
  name: 'data-hub.access-request.decide',
  attributes: { action: 'update' },
  resourceType: DATA_HUB_ACCESS_RESOURCE_TYPE,
});

/** Revoke a live grant; the service additionally requires dataset ownership or use-case membership. */
export const dataHubGrantRevokePermission = createPermission({
  name: 'data-hub.grant.revoke',
  attributes: { action: 'delete' },
  resourceType: DATA_HUB_ACCESS_RESOURCE_TYPE,
});

/** Compare live grants with what the granter enforces, and repair drift. */
export const dataHubGrantReconcilePermission = createPermission({
  name: 'data-hub.grant.reconcile',
  attributes: { action: 'update' },
});

export const dataHubPermissions = [
  dataHubAccessRequestCreatePermission,
  dataHubAccessRequestDecidePermission,
  dataHubGrantRevokePermission,
  dataHubGrantReconcilePermission,
];
