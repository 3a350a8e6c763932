import {
  AccessRequest,
  dataHubAccessRequestDecidePermission,
} from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import { useActionPermission } from '../../hooks/useActionPermission';
import { ActionTooltip } from '../ActionTooltip';

/**
 * Approve and Reject of one pending request, for someone the page deems a
 * decider (an owner of the dataset, not the requester); disabled, with the
 * reason, when the permission policy says otherwise for this request.
 */
export function DecisionButtons(props: {
  request: AccessRequest;
  onApprove: (request: AccessRequest) => void;
  onReject: (request: AccessRequest) => void;
  size?: 'small' | 'medium';
  /** Names the request in the buttons' labels, for rows of a table. */
  labelled?: boolean;
}) {
  const { request, onApprove, onReject, size = 'medium', labelled } = props;
  const decide = useActionPermission({
    permission: dataHubAccessRequestDecidePermission,
    resourceRef: request.id,
    action: 'decide on access requests',
    deniedReason: `Only members of ${request.datasetOwner} other than the requester may decide on this request`,
  });
  const label = (verb: string) =>
    labelled
      ? `${verb} the request of ${request.useCaseRef} for ${
          request.datasetTitle ?? request.datasetRef
        }`
      : undefined;
  const disabled = !decide.allowed;
  return (
    <>
      <ActionTooltip reason={decide.deniedReason}>
        <Button
          size={size}
          variant="contained"
          color="primary"
          onClick={() => onApprove(request)}
          disabled={disabled}
          aria-label={label('Approve')}
        >
          Approve
        </Button>
      </ActionTooltip>
      <ActionTooltip reason={decide.deniedReason}>
        <Button
          size={size}
          variant="outlined"
          color="secondary"
          onClick={() => onReject(request)}
          disabled={disabled}
          aria-label={label('Reject')}
        >
          Reject
        </Button>
      </ActionTooltip>
    </>
  );
}
