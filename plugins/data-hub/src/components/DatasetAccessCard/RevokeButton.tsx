import {
  AccessGrant,
  dataHubGrantRevokePermission,
} from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import { useActionPermission } from '../../hooks/useActionPermission';
import { ActionTooltip } from '../ActionTooltip';

/**
 * "Revoke" of one live grant, for someone the card deems may revoke (an
 * owner of the dataset or a member of the use case's team); disabled, with
 * the reason, when the permission policy says otherwise for this grant.
 */
export function RevokeButton(props: {
  grant: AccessGrant;
  datasetOwner: string;
  onRevoke: (grant: AccessGrant) => void;
}) {
  const { grant, datasetOwner, onRevoke } = props;
  // Grants are checked as the request they came from.
  const revoke = useActionPermission({
    permission: dataHubGrantRevokePermission,
    resourceRef: grant.requestId,
    action: 'revoke access',
    deniedReason: `Only members of ${datasetOwner} or of the use case's team may revoke this access`,
  });
  return (
    <ActionTooltip reason={revoke.deniedReason}>
      <Button
        size="small"
        variant="outlined"
        color="secondary"
        style={{ whiteSpace: 'nowrap' }}
        onClick={() => onRevoke(grant)}
        disabled={!revoke.allowed}
        aria-label={`Revoke access of ${grant.useCaseRef}`}
      >
        Revoke
      </Button>
    </ActionTooltip>
  );
}
