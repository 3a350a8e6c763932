import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/** The signed-in person and the groups their token says they belong to. */
export interface SignedInUser {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/**
 * The signed-in user's identity, to show the actions they may take (revoke
 * as an owner, withdraw as the requester). Only a hint: the backend decides
 * every action again from the token.
 */
export function useSignedInUser(): SignedInUser | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  return value;
}
