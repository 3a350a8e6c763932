import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AccessRequest,
  isDatasetEntity,
} from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useId } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataHubAccessApiRef } from '../../api';
import { formatDateTime, fromNow } from '../../utils/dates';
import { isForbidden, isNotFound } from '../../utils/errorStatus';
import { REQUEST_READERS_TEXT } from '../../utils/viewer';
import { AccessScope } from '../AccessScope';
import { AccessStateChip } from '../AccessStateChip';
import { AuditTrail } from '../AuditTrail';
import { ClassificationChip } from '../ClassificationChip';
import { DecisionButtons } from './DecisionButtons';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(1),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  section: {
    marginTop: theme.spacing(3),
    '& > h3': { marginBottom: theme.spacing(1) },
  },
  quote: {
    whiteSpace: 'pre-wrap',
    borderLeft: `4px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(2),
    margin: 0,
  },
  title: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
}));

function Fact(props: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>
        <Typography variant="body2" component="span">
          {props.term}
        </Typography>
      </dt>
      <dd>
        <Typography variant="body2" component="span">
          {props.children}
        </Typography>
      </dd>
    </>
  );
}

function When(props: { iso: string }) {
  return (
    <span title={formatDateTime(props.iso)}>
      {formatDateTime(props.iso)} ({fromNow(props.iso)})
    </span>
  );
}

/** What the signed-in user may do with the request shown. */
export interface RequestDetailActions {
  onApprove?: (request: AccessRequest) => void;
  onReject?: (request: AccessRequest) => void;
  onWithdraw?: (request: AccessRequest) => void;
}

/**
 * One request in full: who asked for which columns of which dataset for which
 * use case, why, for how long; the decision, the grant and any error; and the
 * request's audit trail. Loaded by id so that links from notifications
 * (`?request=<id>`) open it directly.
 */
export function AccessRequestDetails(props: {
  requestId: string;
  /** Bumped after an action, to reload. */
  version: number;
  onClose: () => void;
  /** Which actions to offer for a loaded request. */
  actionsFor: (request: AccessRequest) => RequestDetailActions;
}) {
  const { requestId, version, onClose, actionsFor } = props;
  const classes = useStyles();
  const id = useId();
  const api = useApi(dataHubAccessApiRef);
  const catalogApi = useApi(catalogApiRef);

  const { value, loading, error } = useAsync(async () => {
    const request = await api.getRequest(requestId);
    const [grant, dataset] = await Promise.all([
      request.grantId
        ? api
            .listGrants({
              datasetRef: request.datasetRef,
              useCaseRef: request.useCaseRef,
              limit: 100,
            })
            .then(page => page.items.find(g => g.id === request.grantId))
        : undefined,
      // The schema marks PII columns; the request only names them.
      catalogApi
        .getEntityByRef(request.datasetRef)
        .then(entity => (isDatasetEntity(entity) ? entity : undefined))
        .catch(() => undefined),
    ]);
    return { request, grant, dataset };
  }, [api, catalogApi, requestId, version]);

  const request = value?.request;
  const actions = request ? actionsFor(request) : {};

  let content;
  if (error && isForbidden(error)) {
    // The permission policy keeps the request (its justification above all) from this viewer.
    content = (
      <Alert severity="info">
        {REQUEST_READERS_TEXT}. Ask one of them if you need to know about it.
      </Alert>
    );
  } else if (error && isNotFound(error)) {
    content = (
      <Alert severity="info">
        There is no access request {requestId}: the link may be mistyped.
      </Alert>
    );
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value || !request) {
    content = <Progress />;
  } else {
    const { grant, dataset } = value;
    content = (
      <>
        {loading && <Progress />}
        <dl className={classes.facts}>
          <Fact term="Dataset">
            <EntityRefLink entityRef={request.datasetRef} defaultKind="dataset">
              {request.datasetTitle}
            </EntityRefLink>{' '}
            (hub {request.datasetHub})
          </Fact>
          <Fact term="Use case">
            <EntityRefLink
              entityRef={request.useCaseRef}
              defaultKind="system"
            />{' '}
            (hub {request.useCaseHub})
          </Fact>
          <Fact term="Requester">
            <EntityRefLink entityRef={request.requester} defaultKind="user" />
          </Fact>
          <Fact term="Dataset owner">
            <EntityRefLink
              entityRef={request.datasetOwner}
              defaultKind="group"
            />{' '}
            (its members decide)
          </Fact>
          <Fact term="Classification">
            <ClassificationChip classification={request.classification} />
          </Fact>
          <Fact term="Requested">
            <When iso={request.createdAt} />
          </Fact>
          <Fact term="Duration">
            {request.durationDays} days
            {request.extendsGrantId &&
              ` — extends grant ${request.extendsGrantId}`}
          </Fact>
        </dl>

        <section className={classes.section}>
          <Typography variant="h6" component="h3">
            Justification
          </Typography>
          <Typography
            variant="body2"
            component="blockquote"
            className={classes.quote}
          >
            {request.justification}
          </Typography>
        </section>

        <section className={classes.section}>
          <Typography variant="h6" component="h3">
            Tables and columns
          </Typography>
          <AccessScope
            tables={request.tables}
            schema={dataset?.spec.tables}
            expanded
            label="Requested tables"
          />
        </section>

        {request.decidedBy && (
          <section className={classes.section}>
            <Typography variant="h6" component="h3">
              Decision
            </Typography>
            <dl className={classes.facts}>
              <Fact
                term={
                  request.state === 'rejected' ? 'Rejected by' : 'Approved by'
                }
              >
                <EntityRefLink
                  entityRef={request.decidedBy}
                  defaultKind="user"
                />
                {request.decidedAt && (
                  <>
                    , <When iso={request.decidedAt} />
                  </>
                )}
              </Fact>
              <Fact term="Comment">
                {request.decisionComment ? `“${request.decisionComment}”` : '—'}
              </Fact>
            </dl>
          </section>
        )}

        {request.grantError && (
          <Alert severity="error" className={classes.section}>
            Granting failed: {request.grantError}
          </Alert>
        )}

        {grant && (
          <section className={classes.section}>
            <Typography variant="h6" component="h3">
              Grant
            </Typography>
            <dl className={classes.facts}>
              <Fact term="State">
                <AccessStateChip state={grant.state} />
              </Fact>
              <Fact term="Granted">
                <When iso={grant.grantedAt} />
              </Fact>
              <Fact term={grant.state === 'live' ? 'Expires' : 'Was to expire'}>
                <When iso={grant.expiresAt} />
              </Fact>
              {grant.endedAt && (
                <Fact term={grant.state === 'revoked' ? 'Revoked' : 'Ended'}>
                  <When iso={grant.endedAt} />
                  {grant.endedBy && grant.endedBy.startsWith('user:') && (
                    <>
                      {' by '}
                      <EntityRefLink
                        entityRef={grant.endedBy}
                        defaultKind="user"
                      />
                    </>
                  )}
                </Fact>
              )}
              <Fact term="Enforced by">{grant.granter}</Fact>
            </dl>
          </section>
        )}

        <section className={classes.section}>
          <Typography variant="h6" component="h3">
            Audit trail
          </Typography>
          <AuditTrail key={version} filter={{ requestId: request.id }} />
        </section>
      </>
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      scroll="paper"
      aria-labelledby={`${id}-title`}
    >
      <DialogTitle id={`${id}-title`} disableTypography>
        <div className={classes.title}>
          <Typography variant="h5" component="h2">
            Access request
            {request
              ? ` for ${request.datasetTitle ?? request.datasetRef}`
              : ''}
          </Typography>
          {request && <AccessStateChip state={request.state} />}
        </div>
      </DialogTitle>
      <DialogContent dividers>{content}</DialogContent>
      <DialogActions>
        {request && actions.onWithdraw && (
          <Button
            variant="outlined"
            onClick={() => actions.onWithdraw!(request)}
          >
            Withdraw
          </Button>
        )}
        {request && actions.onReject && actions.onApprove && (
          <DecisionButtons
            request={request}
            onApprove={actions.onApprove}
            onReject={actions.onReject}
          />
        )}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
