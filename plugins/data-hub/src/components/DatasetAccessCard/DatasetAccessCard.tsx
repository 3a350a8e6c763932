import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCardVariants, Link, Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  AccessGrant,
  AccessRequest,
  DatasetEntityV1alpha1,
  dataHubAccessRequestCreatePermission,
} from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import HistoryIcon from '@material-ui/icons/History';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useId, useMemo, useState } from 'react';
import { dataHubAccessApiRef } from '../../api';
import { useAccessRequestsLink } from '../../hooks/useAccessRequestsLink';
import { useActionPermission } from '../../hooks/useActionPermission';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { formatDate } from '../../utils/dates';
import { fullEntityRef, isOwnedBy } from '../../utils/entityRefs';
import { signInToText } from '../../utils/viewer';
import { ActionTooltip } from '../ActionTooltip';
import { AuditTrail } from '../AuditTrail';
import { CommentDialog } from '../CommentDialog';
import { DatasetCard } from '../DatasetCard';
import { RequestAccessDialog } from '../RequestAccessDialog';
import { toUseCaseOptions } from '../RequestAccessDialog/useCaseOptions';
import { LiveGrantsTable } from './LiveGrantsTable';
import { MyAccessStatus } from './MyAccessStatus';
import { useDatasetAccess } from './useDatasetAccess';
import { ErrorWithRetry } from '../ErrorWithRetry';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  spacer: { flex: 1 },
  section: {
    '& + &': { marginTop: theme.spacing(3) },
  },
  heading: {
    marginBottom: theme.spacing(1),
  },
}));

/** The dialogs the card may have open; one at a time. */
type Dialogs =
  | { kind: 'request'; useCaseRef?: string }
  | { kind: 'revoke'; grant: AccessGrant }
  | { kind: 'withdraw'; request: AccessRequest }
  | { kind: 'history' };

/** @public */
export interface DatasetAccessCardProps {
  variant?: InfoCardVariants;
}

function DatasetAccess(props: { dataset: DatasetEntityV1alpha1 }) {
  const { dataset } = props;
  const classes = useStyles();
  const id = useId();
  const api = useApi(dataHubAccessApiRef);
  const alertApi = useApi(alertApiRef);
  const user = useSignedInUser();
  const requestLink = useAccessRequestsLink();
  const datasetRef = stringifyEntityRef(dataset);
  const title = dataset.metadata.title ?? dataset.metadata.name;
  const { value, loading, error, retry } = useDatasetAccess(datasetRef);
  const [dialog, setDialog] = useState<Dialogs>();
  const create = useActionPermission({
    permission: dataHubAccessRequestCreatePermission,
    action: 'request access',
  });

  const isOwner =
    !!user && isOwnedBy(user.ownershipEntityRefs, dataset.spec.owner);
  const myUseCaseRefs = useMemo(
    () =>
      new Set(
        (value?.useCases ?? []).map(u => fullEntityRef(u.useCaseRef, 'system')),
      ),
    [value?.useCases],
  );
  // The backend lets dataset owners revoke, and use-case members give access back.
  const canRevoke = useCallback(
    (grant: AccessGrant) =>
      isOwner || myUseCaseRefs.has(fullEntityRef(grant.useCaseRef, 'system')),
    [isOwner, myUseCaseRefs],
  );
  const onRevoke = useCallback(
    (grant: AccessGrant) => setDialog({ kind: 'revoke', grant }),
    [],
  );

  if (error && !value) {
    return <ErrorWithRetry error={error} onRetry={retry} />;
  }
  // Waits for the permission too, rather than show a button it then disables.
  if (!value || create.loading) {
    return <Progress />;
  }

  const selectable = toUseCaseOptions(
    value.useCases,
    value.liveGrants,
    value.openRequests,
  ).filter(o => !o.disabledReason);
  const pendingForOwner = value.openRequests.filter(
    r => r.state === 'pending' && r.requester !== user?.userEntityRef,
  );

  let requestDisabledReason: string | undefined = create.deniedReason;
  if (requestDisabledReason) {
    // Denied: said by the permission, whatever the use cases.
  } else if (create.guest && value.useCases.length === 0) {
    requestDisabledReason = signInToText('request access');
  } else if (value.useCases.length === 0) {
    requestDisabledReason = 'You are not a member of any use-case team';
  } else if (selectable.length === 0) {
    requestDisabledReason =
      'None of your use cases can request this dataset now (see Your access)';
  }

  const closeDialog = () => setDialog(undefined);
  const done = (message: string) => {
    closeDialog();
    alertApi.post({ message, severity: 'success', display: 'transient' });
    retry();
  };

  return (
    <>
      {loading && <LinearProgress aria-label="Refreshing access" />}
      <div className={classes.toolbar}>
        <ActionTooltip reason={requestDisabledReason}>
          <Button
            variant="contained"
            color="primary"
            startIcon={<LockOpenIcon />}
            onClick={() => setDialog({ kind: 'request' })}
            disabled={!!requestDisabledReason}
          >
            Request access
          </Button>
        </ActionTooltip>
        <Button
          variant="outlined"
          startIcon={<HistoryIcon />}
          onClick={() => setDialog({ kind: 'history' })}
        >
          History
        </Button>
        <span className={classes.spacer} />
        <Typography variant="body2" color="textSecondary">
          Grants last at most{' '}
          {value.settings.maxDurationDays[dataset.spec.classification]} days for
          this dataset.
        </Typography>
      </div>

      {isOwner && pendingForOwner.length > 0 && (
        <Box mb={2}>
          <Alert
            severity="info"
            action={
              requestLink && (
                <Button
                  color="inherit"
                  size="small"
                  component={Link}
                  to={requestLink({ tab: 'to-decide' })}
                >
                  Decide
                </Button>
              )
            }
          >
            {pendingForOwner.length === 1
              ? '1 request waits'
              : `${pendingForOwner.length} requests wait`}{' '}
            for a decision by the owners of this dataset.
          </Alert>
        </Box>
      )}

      <section className={classes.section} aria-labelledby={`${id}-mine`}>
        <Typography
          id={`${id}-mine`}
          variant="h6"
          component="h3"
          className={classes.heading}
        >
          Your access
        </Typography>
        <MyAccessStatus
          useCases={value.useCases}
          liveGrants={value.liveGrants}
          openRequests={value.openRequests}
          myRequests={value.myRequests}
          userEntityRef={user?.userEntityRef}
          guest={create.guest}
          requestDeniedReason={create.deniedReason}
          onRequestExtension={useCaseRef =>
            setDialog({ kind: 'request', useCaseRef })
          }
          onWithdraw={request => setDialog({ kind: 'withdraw', request })}
        />
      </section>

      <section className={classes.section} aria-labelledby={`${id}-grants`}>
        <Typography
          id={`${id}-grants`}
          variant="h6"
          component="h3"
          className={classes.heading}
        >
          Use cases with access ({value.liveGrantCount})
        </Typography>
        <LiveGrantsTable
          grants={value.liveGrants}
          schema={dataset.spec.tables}
          canRevoke={canRevoke}
          onRevoke={onRevoke}
          filtered={!isOwner}
          guest={create.guest}
          datasetOwner={dataset.spec.owner}
        />
      </section>

      {dialog?.kind === 'request' && (
        <RequestAccessDialog
          open
          dataset={dataset}
          useCases={value.useCases}
          liveGrants={value.liveGrants}
          openRequests={value.openRequests}
          settings={value.settings}
          initialUseCaseRef={dialog.useCaseRef}
          onClose={closeDialog}
          onSubmitted={request =>
            done(
              `Request sent: the owners of ${title} (${request.datasetOwner}) decide on it.`,
            )
          }
        />
      )}

      {dialog?.kind === 'revoke' && (
        <CommentDialog
          open
          title={`Revoke access of ${dialog.grant.useCaseRef}?`}
          description={`The use case loses access to ${title} at once, not on ${formatDate(
            dialog.grant.expiresAt,
          )}. The revocation is audited and its requester notified.`}
          confirmLabel="Revoke"
          destructive
          commentLabel="Comment (optional)"
          commentHelperText="Why access ends, for the audit trail and the requester."
          onConfirm={async comment => {
            await api.revokeGrant(dialog.grant.id, comment);
            done(`Access of ${dialog.grant.useCaseRef} to ${title} revoked.`);
          }}
          onClose={closeDialog}
        />
      )}

      {dialog?.kind === 'withdraw' && (
        <CommentDialog
          open
          title="Withdraw your request?"
          description={`The owners of ${title} will no longer be asked to decide on it.`}
          confirmLabel="Withdraw"
          destructive
          withComment={false}
          onConfirm={async () => {
            await api.withdrawRequest(dialog.request.id);
            done('Request withdrawn.');
          }}
          onClose={closeDialog}
        />
      )}

      {dialog?.kind === 'history' && (
        <Dialog
          open
          onClose={closeDialog}
          fullWidth
          maxWidth="lg"
          aria-labelledby={`${id}-history`}
        >
          <DialogTitle id={`${id}-history`}>
            Access history of {title}
          </DialogTitle>
          <DialogContent dividers>
            {!isOwner && (
              // The backend leaves out the events of requests the viewer may not read.
              <Typography variant="body2" color="textSecondary" paragraph>
                Only the events of requests you may see are listed; the owners
                of {title} see them all.
              </Typography>
            )}
            <AuditTrail filter={{ datasetRef }} showUseCase />
          </DialogContent>
          <DialogActions>
            <Button onClick={closeDialog}>Close</Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}

/**
 * The "Access" card of a Dataset entity page: which use cases hold access to
 * which columns until when, the signed-in user's own access and requests,
 * "Request access" / "Request extension", revocation for owners, and the
 * dataset's access history.
 *
 * @public
 */
export function DatasetAccessCard(props: DatasetAccessCardProps) {
  return (
    <DatasetCard title="Access" variant={props.variant}>
      {dataset => <DatasetAccess dataset={dataset} />}
    </DatasetCard>
  );
}
