import { Content, Header, Page } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import type { AccessRequest } from '@cloud-data-hub/data-hub-common';
import Badge from '@material-ui/core/Badge';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { MouseEvent, useCallback, useId, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataHubAccessApiRef } from '../../api';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { isOwnedBy } from '../../utils/entityRefs';
import { isGuestUser } from '../../utils/viewer';
import { CommentDialog } from '../CommentDialog';
import { AccessRequestDetails } from './AccessRequestDetails';
import { AccessRequestsTable, RequestsTab } from './AccessRequestsTable';
import { DecisionButtons } from './DecisionButtons';

const useStyles = makeStyles(theme => ({
  tabs: {
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  tab: {
    textTransform: 'none',
    minWidth: 140,
  },
  badge: {
    paddingRight: theme.spacing(2),
  },
}));

type Decision =
  | { kind: 'approve' | 'reject' | 'withdraw'; request: AccessRequest }
  | undefined;

const TABS: RequestsTab[] = ['mine', 'to-decide'];

/** Stops a click on a row's button from also opening the row's details. */
const stop = (event: MouseEvent) => event.stopPropagation();

/**
 * The "Access requests" page without its header: tabs *My requests* and
 * *To decide*, approve / reject / withdraw with a comment, and the details
 * of a request (`?request=<id>`, the link notifications carry). The tab is
 * kept in the URL (`?tab=to-decide`) so it can be linked and reloaded.
 *
 * @public
 */
export function AccessRequestsContent() {
  const classes = useStyles();
  const id = useId();
  const api = useApi(dataHubAccessApiRef);
  const alertApi = useApi(alertApiRef);
  const user = useSignedInUser();
  const guest = isGuestUser(user?.userEntityRef);
  const [params, setParams] = useAppSearchParams();
  const tab: RequestsTab =
    params.get('tab') === 'to-decide' ? 'to-decide' : 'mine';
  const openRequestId = params.get('request') ?? undefined;
  const [version, setVersion] = useState(0);
  const [decision, setDecision] = useState<Decision>();

  const { value: toDecide } = useAsync(
    () => api.listRequests({ view: 'to-decide', limit: 1 }),
    [api, version],
  );

  const setParam = useCallback(
    (name: string, value?: string) =>
      setParams(previous => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      }),
    [setParams],
  );
  const openDetails = useCallback(
    (request: AccessRequest) => setParam('request', request.id),
    [setParam],
  );

  const canDecide = useCallback(
    (request: AccessRequest) =>
      request.state === 'pending' &&
      !!user &&
      request.requester !== user.userEntityRef &&
      isOwnedBy(user.ownershipEntityRefs, request.datasetOwner),
    [user],
  );
  const canWithdraw = useCallback(
    (request: AccessRequest) =>
      request.state === 'pending' && request.requester === user?.userEntityRef,
    [user],
  );

  const rowActions = useCallback(
    (request: AccessRequest) => (
      <>
        {tab === 'to-decide' && canDecide(request) && (
          <DecisionButtons
            request={request}
            size="small"
            labelled
            onApprove={r => setDecision({ kind: 'approve', request: r })}
            onReject={r => setDecision({ kind: 'reject', request: r })}
          />
        )}
        {tab === 'mine' && canWithdraw(request) && (
          <Button
            size="small"
            variant="outlined"
            onClick={event => {
              stop(event);
              setDecision({ kind: 'withdraw', request });
            }}
            aria-label={`Withdraw the request of ${request.useCaseRef} for ${
              request.datasetTitle ?? request.datasetRef
            }`}
          >
            Withdraw
          </Button>
        )}
      </>
    ),
    [tab, canDecide, canWithdraw],
  );

  const afterAction = (message: string) => {
    setDecision(undefined);
    setVersion(v => v + 1);
    alertApi.post({ message, severity: 'success', display: 'transient' });
  };

  const name = (request: AccessRequest) =>
    request.datasetTitle ?? request.datasetRef;

  return (
    <>
      <Typography variant="body1" paragraph>
        Requests for access to datasets, made for use cases. Owners of a dataset
        decide on its requests — never on their own — and the grant ends on time
        by itself.
      </Typography>
      {guest ? (
        <Alert severity="info">
          Sign in to see your team's access: guests make no requests and decide
          on none.
        </Alert>
      ) : (
        // The backend lists only the requests the viewer may read.
        <Typography variant="body2" color="textSecondary" paragraph>
          The lists show only requests you may see: a request and its
          justification are seen by the requester's team, the dataset's owners
          and the platform team.
        </Typography>
      )}
      <Tabs
        className={classes.tabs}
        value={TABS.indexOf(tab)}
        onChange={(_event, index: number) => setParam('tab', TABS[index])}
        indicatorColor="primary"
        textColor="primary"
        aria-label="Access requests"
      >
        <Tab
          className={classes.tab}
          id={`${id}-tab-mine`}
          aria-controls={`${id}-panel`}
          label="My requests"
        />
        <Tab
          className={classes.tab}
          id={`${id}-tab-to-decide`}
          aria-controls={`${id}-panel`}
          label={
            <Badge
              className={classes.badge}
              color="secondary"
              overlap="rectangular"
              badgeContent={toDecide?.totalCount ?? 0}
              aria-label={
                toDecide?.totalCount
                  ? `To decide, ${toDecide.totalCount} pending`
                  : undefined
              }
            >
              To decide
            </Badge>
          }
        />
      </Tabs>
      <Box
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${tab}`}
      >
        <AccessRequestsTable
          // Each tab keeps its own filter and paging, reset when switching.
          key={tab}
          tab={tab}
          guest={guest}
          version={version}
          onOpen={openDetails}
          actions={rowActions}
        />
      </Box>

      {openRequestId && (
        <AccessRequestDetails
          requestId={openRequestId}
          version={version}
          onClose={() => setParam('request')}
          actionsFor={request => ({
            onApprove: canDecide(request)
              ? r => setDecision({ kind: 'approve', request: r })
              : undefined,
            onReject: canDecide(request)
              ? r => setDecision({ kind: 'reject', request: r })
              : undefined,
            onWithdraw: canWithdraw(request)
              ? r => setDecision({ kind: 'withdraw', request: r })
              : undefined,
          })}
        />
      )}

      {decision?.kind === 'approve' && (
        <CommentDialog
          open
          title={`Approve access to ${name(decision.request)}?`}
          description={`${
            decision.request.useCaseRef
          } gets ${decision.request.tables
            .map(t => `${t.name} (${t.columns.length} columns)`)
            .join(', ')} for ${
            decision.request.durationDays
          } days, granted at once.`}
          confirmLabel="Approve"
          commentLabel="Comment (optional)"
          commentHelperText="Sent to the requester and kept in the audit trail."
          onConfirm={async comment => {
            const result = await api.approveRequest(
              decision.request.id,
              comment,
            );
            afterAction(
              result.state === 'granted'
                ? `Approved: access to ${name(result)} granted.`
                : `Approved, but granting failed: ${
                    result.grantError ?? result.state
                  }`,
            );
          }}
          onClose={() => setDecision(undefined)}
        />
      )}
      {decision?.kind === 'reject' && (
        <CommentDialog
          open
          title={`Reject the request for ${name(decision.request)}?`}
          confirmLabel="Reject"
          destructive
          commentRequired
          commentLabel="Why (required)"
          commentHelperText="Tell the requester why, and what would make you approve."
          onConfirm={async comment => {
            await api.rejectRequest(decision.request.id, comment);
            afterAction(`Request for ${name(decision.request)} rejected.`);
          }}
          onClose={() => setDecision(undefined)}
        />
      )}
      {decision?.kind === 'withdraw' && (
        <CommentDialog
          open
          title="Withdraw your request?"
          description={`The owners of ${name(
            decision.request,
          )} will no longer be asked to decide on it.`}
          confirmLabel="Withdraw"
          destructive
          withComment={false}
          onConfirm={async () => {
            await api.withdrawRequest(decision.request.id);
            afterAction('Request withdrawn.');
          }}
          onClose={() => setDecision(undefined)}
        />
      )}
    </>
  );
}

/**
 * The page's body for the new frontend system, whose page layout supplies
 * the header (title and icon from the page extension).
 */
export function AccessRequestsPageBody() {
  return (
    <Content>
      <AccessRequestsContent />
    </Content>
  );
}

/**
 * The "Access requests" page with its own header, for legacy apps (the new
 * frontend system's page layout supplies the header itself).
 *
 * @public
 */
export function AccessRequestsPage() {
  return (
    <Page themeId="tool">
      <Header title="Access requests" subtitle="Cloud Data Hub" />
      <Content>
        <AccessRequestsContent />
      </Content>
    </Page>
  );
}
