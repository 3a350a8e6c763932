import type {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';
import { isGuestUser, signInToText } from '../utils/viewer';
import { useSignedInUser } from './useSignedInUser';

/** A permission to check: basic, or of one access request (its id). */
export type ActionPermissionInput =
  | { permission: BasicPermission; resourceRef?: undefined }
  | { permission: ResourcePermission; resourceRef: string | undefined };

/** Whether the signed-in user may take an action, and if not, why. */
export interface ActionPermission {
  /** The permission's answer has not come yet. */
  loading: boolean;
  allowed: boolean;
  /** The signed-in user is the guest (who belongs to no team). */
  guest: boolean;
  /** Set when denied: what the person needs, for the disabled button's tooltip. */
  deniedReason?: string;
}

/**
 * Asks the portal's permission policy whether the signed-in user may take an
 * action (e.g. `request access`), and words a denial so that it says what
 * would help: a guest is told to sign in, anyone else gets `deniedReason`
 * (e.g. "Only members of group:default/x may …") or a general sentence.
 * Only a hint for the UI: the backend checks the permission again.
 */
export function useActionPermission(
  input: ActionPermissionInput & {
    /** The action in the words of "Sign in … to <action>", e.g. `run queries`. */
    action: string;
    /** The reason to give someone signed in who is denied. */
    deniedReason?: string;
  },
): ActionPermission {
  const { permission, resourceRef, action, deniedReason } = input;
  const user = useSignedInUser();
  // Only the permission and its resource: the hook caches answers by its input.
  const { loading, allowed } = usePermission(
    permission.type === 'resource'
      ? { permission: permission as ResourcePermission, resourceRef }
      : { permission: permission as BasicPermission },
  );
  const guest = isGuestUser(user?.userEntityRef);
  if (loading || allowed) {
    return { loading, allowed, guest };
  }
  return {
    loading,
    allowed,
    guest,
    deniedReason: guest
      ? signInToText(action)
      : deniedReason ??
        `The portal's permission policy does not let you ${action}`,
  };
}
