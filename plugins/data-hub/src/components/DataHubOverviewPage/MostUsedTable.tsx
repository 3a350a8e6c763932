import { Table, TableColumn } from '@backstage/core-components';
import type { DataHubOverview } from '@cloud-data-hub/data-hub-common';
import { useMemo } from 'react';
import { formatCount } from '../../utils/format';
import { DatasetLink } from './DatasetLink';
import { EmptyMessage } from './EmptyMessage';
import { overviewTableOptions } from './tableOptions';

type MostUsed = DataHubOverview['mostUsed'][number];

/** The text shown when no dataset was queried in the period. */
export const NO_USAGE_TEXT =
  'No dataset was queried through the Data Hub in the last 30 days.';

/**
 * The most queried datasets of the last 30 days, in the backend's order
 * (most queries first): where analysts start, and what the platform team
 * must keep healthy above all.
 */
export function MostUsedTable(props: { datasets: MostUsed[] }) {
  const { datasets } = props;

  const columns = useMemo<TableColumn<MostUsed>[]>(
    () => [
      {
        title: 'Dataset',
        field: 'title',
        render: row => (
          <DatasetLink entityRef={row.entityRef} title={row.title} />
        ),
      },
      {
        title: 'Queries',
        field: 'queries',
        type: 'numeric',
        render: row => formatCount(row.queries),
      },
      {
        title: 'Users',
        field: 'users',
        type: 'numeric',
        render: row => formatCount(row.users),
      },
    ],
    [],
  );

  if (datasets.length === 0) {
    return <EmptyMessage>{NO_USAGE_TEXT}</EmptyMessage>;
  }
  return (
    <Table<MostUsed>
      columns={columns}
      // material-table annotates rows in place: give it copies.
      data={datasets.map(row => ({ ...row }))}
      options={overviewTableOptions(datasets.length)}
    />
  );
}
