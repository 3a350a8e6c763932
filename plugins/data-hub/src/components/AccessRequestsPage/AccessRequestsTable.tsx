import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ACCESS_REQUEST_STATES,
  AccessRequest,
  AccessRequestState,
} from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MouseEvent, ReactNode, useId, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { dataHubAccessApiRef } from '../../api';
import { formatDateTime, fromNow } from '../../utils/dates';
import { scopeHeadline } from '../AccessScope';
import { AccessStateChip, accessStateLabel } from '../AccessStateChip';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    margin: theme.spacing(2, 0),
  },
  stateFilter: { minWidth: 200 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/** Which tab: the signed-in user's own requests, or those they decide on. */
export type RequestsTab = 'mine' | 'to-decide';

/** An action button of a row, e.g. Approve; rendered by the page. */
export type RowActions = (request: AccessRequest) => ReactNode;

/** Stops a click on a link or button of a row from also opening the row's details. */
const stop = (event: MouseEvent) => event.stopPropagation();

const PAGE_SIZES = [20, 50, 100];

/** What the state filter offers: everything, what waits, or one state. */
const STATE_FILTERS: Array<{ value: string; label: string }> = [
  { value: 'all', label: 'All states' },
  { value: 'pending,approved', label: 'Open (pending, approved)' },
  ...ACCESS_REQUEST_STATES.map(state => ({
    value: state,
    label: accessStateLabel(state),
  })),
];

/** The `state` query of a tab and filter; undefined for the backend's default. */
function statesOf(
  tab: RequestsTab,
  stateFilter: string,
): AccessRequestState[] | undefined {
  if (stateFilter !== 'all') {
    return stateFilter.split(',') as AccessRequestState[];
  }
  // "To decide" lists only pending requests unless told otherwise.
  return tab === 'to-decide' ? [...ACCESS_REQUEST_STATES] : undefined;
}

/**
 * One tab's requests, paged by the backend: dataset, use case, requester,
 * columns, duration, state and age, with the page's actions per row. A row
 * opens its details on click; the Details button does so from the keyboard.
 */
export function AccessRequestsTable(props: {
  tab: RequestsTab;
  /** Bumped by the page after an action, to reload. */
  version: number;
  onOpen: (request: AccessRequest) => void;
  actions: RowActions;
  /** The viewer is the guest, who belongs to no team. */
  guest?: boolean;
}) {
  const { tab, version, onOpen, actions, guest = false } = props;
  const classes = useStyles();
  const id = useId();
  const api = useApi(dataHubAccessApiRef);
  const [stateFilter, setStateFilter] = useState(
    tab === 'to-decide' ? 'pending' : 'all',
  );
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);

  const { value, loading, error } = useAsync(
    () =>
      api.listRequests({
        view: tab,
        states: statesOf(tab, stateFilter),
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, tab, stateFilter, page, pageSize, version],
  );

  const columns = useMemo<TableColumn<AccessRequest>[]>(() => {
    const now = new Date(Date.now());
    const list: TableColumn<AccessRequest>[] = [
      {
        title: 'Dataset',
        field: 'datasetRef',
        render: request => (
          <span onClick={stop} role="presentation">
            <EntityRefLink entityRef={request.datasetRef} defaultKind="dataset">
              {request.datasetTitle}
            </EntityRefLink>
          </span>
        ),
      },
      {
        title: 'Use case',
        field: 'useCaseRef',
        render: request => (
          <span onClick={stop} role="presentation">
            <EntityRefLink
              entityRef={request.useCaseRef}
              defaultKind="system"
            />
          </span>
        ),
      },
    ];
    if (tab === 'to-decide') {
      list.push({
        title: 'Requester',
        field: 'requester',
        render: request => (
          <span onClick={stop} role="presentation">
            <EntityRefLink entityRef={request.requester} defaultKind="user" />
          </span>
        ),
      });
    }
    list.push(
      {
        title: 'Columns',
        field: 'tables',
        render: request => (
          <Tooltip
            title={request.tables
              .map(t => `${t.name}: ${t.columns.join(', ')}`)
              .join(' · ')}
          >
            <Typography variant="body2">
              {scopeHeadline(request.tables)}
            </Typography>
          </Tooltip>
        ),
      },
      {
        title: 'Duration',
        field: 'durationDays',
        render: request => (
          <Typography variant="body2">
            {request.durationDays} days
            {request.extendsGrantId ? ' (extension)' : ''}
          </Typography>
        ),
      },
      {
        title: 'State',
        field: 'state',
        render: request => <AccessStateChip state={request.state} />,
      },
      {
        title: 'Created',
        field: 'createdAt',
        render: request => (
          <Typography variant="body2" title={formatDateTime(request.createdAt)}>
            {fromNow(request.createdAt, now)}
          </Typography>
        ),
      },
      {
        title: 'Actions',
        render: request => (
          <span className={classes.actions} onClick={stop} role="presentation">
            <Button
              size="small"
              onClick={() => onOpen(request)}
              aria-label={`Details of the request of ${
                request.useCaseRef
              } for ${request.datasetTitle ?? request.datasetRef}`}
            >
              Details
            </Button>
            {actions(request)}
          </span>
        ),
      },
    );
    return list;
  }, [tab, classes, onOpen, actions]);

  let emptyText =
    tab === 'to-decide'
      ? 'Nothing waits for your decision. Requests for datasets your teams own appear here.'
      : 'You have made no access requests. Open a dataset and choose "Request access" on its Access card.';
  if (guest) {
    // No instruction a guest cannot follow.
    emptyText = "Sign in to see your team's access.";
  }

  return (
    <>
      <div className={classes.toolbar}>
        <TextField
          id={`${id}-state`}
          className={classes.stateFilter}
          select
          size="small"
          variant="outlined"
          label="State"
          value={stateFilter}
          onChange={event => {
            setStateFilter(event.target.value);
            setPage(0);
          }}
        >
          {STATE_FILTERS.map(option => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))}
        </TextField>
        {value && (
          <Typography variant="body2" color="textSecondary" role="status">
            {value.totalCount} request{value.totalCount === 1 ? '' : 's'}
          </Typography>
        )}
      </div>
      {error ? (
        <ResponseErrorPanel error={error} />
      ) : (
        <Table<AccessRequest>
          isLoading={loading}
          columns={columns}
          // material-table annotates rows in place: give it copies.
          data={(value?.items ?? []).map(request => ({ ...request }))}
          page={page}
          totalCount={value?.totalCount ?? 0}
          onPageChange={setPage}
          onRowsPerPageChange={size => {
            setPageSize(size);
            setPage(0);
          }}
          onRowClick={(_event, request) => request && onOpen(request)}
          options={{
            toolbar: false,
            search: false,
            sorting: false,
            // Pages only once there is more than the smallest page.
            paging: (value?.totalCount ?? 0) > PAGE_SIZES[0],
            pageSize,
            pageSizeOptions: PAGE_SIZES,
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
              {emptyText}
            </Typography>
          }
        />
      )}
    </>
  );
}
