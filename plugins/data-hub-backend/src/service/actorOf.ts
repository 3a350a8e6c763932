import type express from 'express';
import type {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { Actor } from '../access/AccessWorkflow';

/** Resolves the signed-in person of a request, with the groups in their Backstage token. */
export function createActorResolver(
  httpAuth: HttpAuthService,
  userInfo: UserInfoService,
) {
  return async function actorOf(req: express.Request): Promise<Actor> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const info = await userInfo.getUserInfo(credentials);
    return {
      userRef: info.userEntityRef,
      ownershipRefs: info.ownershipEntityRefs,
      credentials,
    };
  };
}
