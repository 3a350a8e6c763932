import { Table, TableColumn } from '@backstage/core-components';
import type { DataHubOverview } from '@cloud-data-hub/data-hub-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { DatasetLink } from './DatasetLink';
import { EmptyMessage } from './EmptyMessage';
import { RelativeTime } from './RelativeTime';
import { overviewTableOptions } from './tableOptions';

type Ingest = DataHubOverview['recentIngests'][number];

/** The text shown when no job run has written a source dataset. */
export const NO_INGESTS_TEXT =
  'No job run has reported writing a source-layer dataset yet.';

/** Run ids are UUIDs: the first 8 characters tell runs apart on screen. */
export function shortRunId(runId: string): string {
  return runId.length > 8 ? runId.slice(0, 8) : runId;
}

/**
 * The latest completed runs that wrote source-layer datasets, newest first
 * (the backend's order): whether data is arriving from the source systems
 * at all, which is the first question when something downstream is stale.
 */
export function RecentIngestsTable(props: { ingests: Ingest[]; now: Date }) {
  const { ingests, now } = props;

  const columns = useMemo<TableColumn<Ingest>[]>(
    () => [
      {
        title: 'Dataset',
        field: 'title',
        render: row => (
          <DatasetLink entityRef={row.entityRef} title={row.title} />
        ),
      },
      { title: 'Hub', field: 'hub' },
      {
        title: 'Job',
        field: 'job.name',
        render: row => (
          <>
            <Typography variant="body2">{row.job.name}</Typography>
            <Typography variant="caption" color="textSecondary">
              {row.job.namespace}
            </Typography>
          </>
        ),
      },
      {
        title: 'Run',
        field: 'runId',
        render: row => (
          // The full id, for searching the scheduler's logs, on hover.
          <code title={row.runId}>{shortRunId(row.runId)}</code>
        ),
      },
      {
        title: 'Completed',
        field: 'completedAt',
        render: row => <RelativeTime iso={row.completedAt} now={now} />,
      },
    ],
    [now],
  );

  if (ingests.length === 0) {
    return <EmptyMessage>{NO_INGESTS_TEXT}</EmptyMessage>;
  }
  return (
    <Table<Ingest>
      columns={columns}
      // material-table annotates rows in place: give it copies.
      data={ingests.map(row => ({ ...row }))}
      options={overviewTableOptions(ingests.length)}
    />
  );
}
