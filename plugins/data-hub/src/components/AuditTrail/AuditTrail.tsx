import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AccessAuditEvent } from '@cloud-data-hub/data-hub-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataHubAccessApiRef } from '../../api';
import { useAccessRequestsLink } from '../../hooks/useAccessRequestsLink';
import { formatDateTime, fromNow } from '../../utils/dates';
import { isForbidden } from '../../utils/errorStatus';
import { REQUEST_READERS_TEXT } from '../../utils/viewer';
import { auditActionLabel, auditDetails } from './auditEvents';

const useStyles = makeStyles(theme => ({
  details: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    color: theme.palette.text.secondary,
  },
  comment: {
    fontStyle: 'italic',
    whiteSpace: 'pre-wrap',
  },
}));

/** The actor as a link to the person, or as text for the system's jobs. */
export function Actor(props: { actor: string }) {
  const { actor } = props;
  let isUser = false;
  try {
    isUser = parseEntityRef(actor).kind.toLocaleLowerCase('en-US') === 'user';
  } catch {
    isUser = false;
  }
  if (isUser) {
    return <EntityRefLink entityRef={actor} defaultKind="user" />;
  }
  return (
    <Typography variant="body2" component="span">
      {actor.startsWith('system:') ? `${actor.slice(7)} (system)` : actor}
    </Typography>
  );
}

/** Which audit trail to show: a dataset's, or one request's. */
export type AuditTrailFilter = { datasetRef: string } | { requestId: string };

/**
 * An audit trail, newest first, paged by the backend: who did what when,
 * the state transition and scope, and the comment they gave.
 */
export function AuditTrail(props: {
  filter: AuditTrailFilter;
  /** Show the use case each event is about (dataset trails). */
  showUseCase?: boolean;
  title?: string;
}) {
  const { filter, showUseCase = false, title } = props;
  const classes = useStyles();
  const api = useApi(dataHubAccessApiRef);
  const requestLink = useAccessRequestsLink();
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(10);
  const key = JSON.stringify(filter);
  const isDatasetTrail = 'datasetRef' in filter;
  const { value, loading, error } = useAsync(
    () =>
      api.listAudit({
        ...(JSON.parse(key) as AuditTrailFilter),
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, key, page, pageSize],
  );

  const columns = useMemo<TableColumn<AccessAuditEvent>[]>(() => {
    const now = new Date(Date.now());
    const list: TableColumn<AccessAuditEvent>[] = [
      {
        title: 'When',
        field: 'at',
        render: event => (
          <span title={formatDateTime(event.at)}>{fromNow(event.at, now)}</span>
        ),
      },
      {
        title: 'Who',
        field: 'actor',
        render: event => <Actor actor={event.actor} />,
      },
      {
        title: 'What',
        field: 'action',
        render: event => {
          const details = auditDetails(event);
          return (
            <>
              <Typography variant="body2">
                {auditActionLabel(event.action)}
              </Typography>
              {details.length > 0 && (
                <ul className={classes.details}>
                  {details.map(detail => (
                    <li key={detail}>
                      <Typography variant="caption">{detail}</Typography>
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        },
      },
    ];
    if (showUseCase) {
      list.push({
        title: 'Use case',
        field: 'useCaseRef',
        render: event => (
          <EntityRefLink entityRef={event.useCaseRef} defaultKind="system" />
        ),
      });
    }
    list.push({
      title: 'Comment',
      field: 'comment',
      render: event =>
        event.comment ? (
          <Typography variant="body2" className={classes.comment}>
            “{event.comment}”
          </Typography>
        ) : (
          <Typography variant="body2" color="textSecondary">
            —
          </Typography>
        ),
    });
    if (requestLink && isDatasetTrail) {
      list.push({
        title: 'Request',
        field: 'requestId',
        render: event =>
          event.requestId ? (
            <Link to={requestLink({ request: event.requestId })}>Details</Link>
          ) : null,
      });
    }
    return list;
  }, [classes, showUseCase, requestLink, isDatasetTrail]);

  if (error && isForbidden(error)) {
    // Not a failure: the permission policy keeps the trail from this viewer.
    return (
      <Typography variant="body2" color="textSecondary">
        {isDatasetTrail
          ? "You may not see this dataset's access history."
          : `${REQUEST_READERS_TEXT}, and its audit trail.`}
      </Typography>
    );
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  return (
    <Table<AccessAuditEvent>
      title={title}
      isLoading={loading}
      columns={columns}
      // material-table annotates rows in place: give it copies.
      data={(value?.items ?? []).map(event => ({ ...event }))}
      page={page}
      totalCount={value?.totalCount ?? 0}
      onPageChange={setPage}
      onRowsPerPageChange={size => {
        setPageSize(size);
        setPage(0);
      }}
      options={{
        toolbar: !!title,
        search: false,
        sorting: false,
        paging: (value?.totalCount ?? 0) > 10,
        pageSize,
        pageSizeOptions: [10, 20, 50],
        emptyRowsWhenPaging: false,
        padding: 'dense',
        draggable: false,
      }}
      emptyContent={
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ padding: 16 }}
        >
          Nothing has happened yet.
        </Typography>
      }
    />
  );
}
