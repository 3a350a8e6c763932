import {
  coreServices,
  createBackendModule,
  type UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  accessRequestConditions,
  createAccessRequestConditionalDecision,
} from '@cloud-data-hub/data-hub-backend';
import {
  dataHubAccessRequestCreatePermission,
  dataHubAccessRequestDecidePermission,
  dataHubAccessRequestReadPermission,
  dataHubGrantReconcilePermission,
  dataHubGrantRevokePermission,
  dataHubQueryRunPermission,
} from '@cloud-data-hub/data-hub-common';

/** The platform team reads every access request and may reconcile grants with the granter. */
const PLATFORM_GROUP = 'group:default/data-platform';
const GUEST = 'user:development/guest';

/**
 * The demo portal's permission policy: everything is allowed except what the data hub's
 * permissions narrow. It shows how a portal adds its own rules on top of the rules the
 * data hub always enforces (owners decide, four eyes, hubs):
 * - guests browse the catalog, but neither request, decide, revoke, run queries nor read
 *   access requests (justifications, decision comments, columns asked for);
 * - access requests, their grants and audit trail are read by the requester's team (the use
 *   case's owner), the dataset's owners, the requester, and the platform team (a conditional
 *   decision, which the data hub compiles to SQL for its lists);
 * - deciders only ever see and act on requests made by someone else (a conditional
 *   decision, which the data hub also compiles to SQL for the "to decide" list);
 * - only the platform team reconciles grants.
 */
export class DataHubDemoPermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const info = user
      ? await this.userInfo.getUserInfo(user.credentials)
      : undefined;
    const userRef = info?.userEntityRef;
    const isPlatform = !!info?.ownershipEntityRefs.includes(PLATFORM_GROUP);
    const isAccessAction =
      isPermission(request.permission, dataHubAccessRequestCreatePermission) ||
      isPermission(request.permission, dataHubAccessRequestDecidePermission) ||
      isPermission(request.permission, dataHubAccessRequestReadPermission) ||
      isPermission(request.permission, dataHubGrantRevokePermission) ||
      isPermission(request.permission, dataHubQueryRunPermission);
    if (isAccessAction && (!userRef || userRef === GUEST)) {
      return { result: AuthorizeResult.DENY };
    }
    if (isPermission(request.permission, dataHubAccessRequestReadPermission)) {
      if (isPlatform) return { result: AuthorizeResult.ALLOW };
      const owners = info!.ownershipEntityRefs;
      return createAccessRequestConditionalDecision(request.permission, {
        anyOf: [
          accessRequestConditions.isRequester({ userRef: userRef! }),
          accessRequestConditions.isUseCaseOwnedBy({ owners }),
          accessRequestConditions.isDatasetOwnedBy({ owners }),
        ],
      });
    }
    if (
      isPermission(request.permission, dataHubAccessRequestDecidePermission)
    ) {
      return createAccessRequestConditionalDecision(request.permission, {
        not: accessRequestConditions.isRequester({ userRef: userRef! }),
      });
    }
    if (isPermission(request.permission, dataHubGrantReconcilePermission)) {
      return {
        result: isPlatform ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const permissionModuleDataHubDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'data-hub-demo-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new DataHubDemoPermissionPolicy(userInfo));
      },
    });
  },
});
