import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  AccessGrant,
  AccessRequest,
  RequestableUseCase,
} from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useAccessRequestsLink } from '../../hooks/useAccessRequestsLink';
import { formatDate, formatDateTime, fromNow } from '../../utils/dates';
import { fullEntityRef } from '../../utils/entityRefs';
import { ActionTooltip } from '../ActionTooltip';
import { AccessStateChip } from '../AccessStateChip';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    '& > li': {
      display: 'flex',
      alignItems: 'center',
      flexWrap: 'wrap',
      gap: theme.spacing(1),
      padding: theme.spacing(0.75, 0),
    },
    '& > li + li': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  useCase: {
    minWidth: 180,
  },
  status: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    flex: '1 1 240px',
  },
}));

const same = (a: string, b: string) =>
  fullEntityRef(a, 'system') === fullEntityRef(b, 'system');

/** What one of my use cases has, or has asked for, on the dataset. */
function UseCaseStatus(props: {
  useCase: RequestableUseCase;
  liveGrant?: AccessGrant;
  openRequest?: AccessRequest;
  lastRequest?: AccessRequest;
  userEntityRef?: string;
  requestDeniedReason?: string;
  onRequestExtension: (useCaseRef: string) => void;
  onWithdraw: (request: AccessRequest) => void;
}) {
  const {
    useCase,
    liveGrant,
    openRequest,
    lastRequest,
    userEntityRef,
    requestDeniedReason,
    onRequestExtension,
    onWithdraw,
  } = props;
  const classes = useStyles();
  const requestLink = useAccessRequestsLink();
  const name = useCase.title ?? useCase.useCaseRef;
  const details = (request: AccessRequest) =>
    requestLink ? (
      <Link
        to={requestLink({ request: request.id })}
        aria-label={`Details of the request of ${name}`}
      >
        Details
      </Link>
    ) : null;

  return (
    <li data-testid={`my-access-${useCase.useCaseRef}`}>
      <span className={classes.useCase}>
        <EntityRefLink entityRef={useCase.useCaseRef} defaultKind="system" />
      </span>
      <span className={classes.status}>
        {liveGrant && (
          <>
            <AccessStateChip state="live" />
            <Typography variant="body2" component="span">
              Access until{' '}
              <span title={formatDateTime(liveGrant.expiresAt)}>
                {formatDate(liveGrant.expiresAt)} (
                {fromNow(liveGrant.expiresAt)})
              </span>
            </Typography>
          </>
        )}
        {openRequest && (
          <>
            <AccessStateChip state={openRequest.state} />
            <Typography variant="body2" component="span">
              {openRequest.extendsGrantId ? 'Extension requested' : 'Requested'}{' '}
              <span title={formatDateTime(openRequest.createdAt)}>
                {fromNow(openRequest.createdAt)}
              </span>
              {openRequest.requester !== userEntityRef && (
                <>
                  {' '}
                  by{' '}
                  <EntityRefLink
                    entityRef={openRequest.requester}
                    defaultKind="user"
                  />
                </>
              )}
            </Typography>
            {details(openRequest)}
            {openRequest.state === 'pending' &&
              openRequest.requester === userEntityRef && (
                <Button
                  size="small"
                  variant="outlined"
                  onClick={() => onWithdraw(openRequest)}
                  aria-label={`Withdraw the request of ${name}`}
                >
                  Withdraw
                </Button>
              )}
          </>
        )}
        {!liveGrant && !openRequest && !useCase.allowed && (
          <Typography variant="body2" color="textSecondary" component="span">
            Cannot request: {useCase.reason}
          </Typography>
        )}
        {!liveGrant && !openRequest && useCase.allowed && (
          <>
            <Typography variant="body2" color="textSecondary" component="span">
              No access
            </Typography>
            {lastRequest && (
              <>
                <Typography variant="body2" component="span">
                  · your last request:
                </Typography>
                <AccessStateChip state={lastRequest.state} />
                <Typography
                  variant="body2"
                  color="textSecondary"
                  component="span"
                  title={formatDateTime(lastRequest.updatedAt)}
                >
                  {fromNow(lastRequest.updatedAt)}
                </Typography>
                {details(lastRequest)}
              </>
            )}
          </>
        )}
        {liveGrant && !openRequest && (
          <ActionTooltip reason={requestDeniedReason}>
            <Button
              size="small"
              variant="outlined"
              color="primary"
              onClick={() => onRequestExtension(useCase.useCaseRef)}
              disabled={!!requestDeniedReason}
              aria-label={`Request an extension for ${name}`}
            >
              Request extension
            </Button>
          </ActionTooltip>
        )}
      </span>
    </li>
  );
}

/**
 * "Your access": for each of the signed-in user's use cases, its live grant,
 * its open request or why it cannot ask, and the user's last request.
 */
export function MyAccessStatus(props: {
  useCases: RequestableUseCase[];
  liveGrants: AccessGrant[];
  openRequests: AccessRequest[];
  myRequests: AccessRequest[];
  userEntityRef?: string;
  /** The signed-in user is the guest, who belongs to no team. */
  guest?: boolean;
  /** Set when the permission policy denies requesting access. */
  requestDeniedReason?: string;
  onRequestExtension: (useCaseRef: string) => void;
  onWithdraw: (request: AccessRequest) => void;
}) {
  const {
    useCases,
    liveGrants,
    openRequests,
    myRequests,
    userEntityRef,
    guest = false,
    requestDeniedReason,
    onRequestExtension,
    onWithdraw,
  } = props;
  const classes = useStyles();

  if (useCases.length === 0 && guest) {
    return (
      <Typography variant="body2" color="textSecondary">
        Sign in to see your team's access. Access is granted to use cases, and
        the members of a use case's owner group request it.
      </Typography>
    );
  }
  if (useCases.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        You are not a member of any use-case team, so you cannot request access
        to this dataset. Access is granted to use cases, and the members of a
        use case's owner group request it.
      </Typography>
    );
  }

  return (
    <ul className={classes.list} aria-label="Your use cases">
      {useCases.map(useCase => (
        <UseCaseStatus
          key={useCase.useCaseRef}
          useCase={useCase}
          liveGrant={liveGrants.find(g =>
            same(g.useCaseRef, useCase.useCaseRef),
          )}
          openRequest={openRequests.find(r =>
            same(r.useCaseRef, useCase.useCaseRef),
          )}
          lastRequest={myRequests.find(r =>
            same(r.useCaseRef, useCase.useCaseRef),
          )}
          userEntityRef={userEntityRef}
          requestDeniedReason={requestDeniedReason}
          onRequestExtension={onRequestExtension}
          onWithdraw={onWithdraw}
        />
      ))}
    </ul>
  );
}
