import { fullEntityRef } from './entityRefs';

/** The identity Backstage's guest sign-in gives everyone who has not signed in. */
export const GUEST_USER_REF = 'user:development/guest';

/**
 * True for the guest identity. A guest belongs to no team, so the UI tells
 * them to sign in rather than to join a team or ask an owner.
 */
export function isGuestUser(userEntityRef: string | undefined): boolean {
  return (
    !!userEntityRef && fullEntityRef(userEntityRef, 'user') === GUEST_USER_REF
  );
}

/** What a guest is told instead of a button they cannot use, e.g. "Sign in … to request access". */
export function signInToText(action: string): string {
  return `Sign in with your company account to ${action}`;
}

/**
 * Who sees an access request, its justification and its audit trail, in the
 * words of the demo policy's read permission (the backend enforces it).
 */
export const REQUEST_READERS_TEXT =
  "Only the requester's team, the dataset's owners and the platform team see this request";
