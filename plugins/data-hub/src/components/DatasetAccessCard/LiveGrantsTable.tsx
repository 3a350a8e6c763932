import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  AccessGrant,
  DatasetTable,
} from '@cloud-data-hub/data-hub-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { useAccessRequestsLink } from '../../hooks/useAccessRequestsLink';
import { formatDate, formatDateTime, fromNow } from '../../utils/dates';
import { AccessScope } from '../AccessScope';
import { RevokeButton } from './RevokeButton';

/**
 * "Use cases with access": each live grant with its columns per table and
 * its expiry; a Revoke button where the signed-in user may revoke.
 */
export function LiveGrantsTable(props: {
  grants: AccessGrant[];
  schema: DatasetTable[];
  canRevoke: (grant: AccessGrant) => boolean;
  onRevoke: (grant: AccessGrant) => void;
  /** The backend lists only the grants the viewer may read: say so. */
  filtered?: boolean;
  /** The viewer is the guest, who sees no team's grants. */
  guest?: boolean;
  datasetOwner: string;
}) {
  const {
    grants,
    schema,
    canRevoke,
    onRevoke,
    filtered = false,
    guest = false,
    datasetOwner,
  } = props;
  const requestLink = useAccessRequestsLink();
  const anyRevocable = grants.some(canRevoke);

  const columns = useMemo<TableColumn<AccessGrant>[]>(() => {
    const now = new Date(Date.now());
    const list: TableColumn<AccessGrant>[] = [
      {
        title: 'Use case',
        field: 'useCaseRef',
        width: '25%',
        cellStyle: { wordBreak: 'normal' },
        render: grant => (
          <EntityRefLink entityRef={grant.useCaseRef} defaultKind="system" />
        ),
      },
      {
        title: 'Columns',
        field: 'tables',
        render: grant => (
          <AccessScope
            tables={grant.tables}
            schema={schema}
            label={`Tables granted to ${grant.useCaseRef}`}
          />
        ),
      },
      {
        title: 'Until',
        field: 'expiresAt',
        width: '25%',
        render: grant => (
          <>
            <Typography
              variant="body2"
              title={formatDateTime(grant.expiresAt)}
              noWrap
            >
              {formatDate(grant.expiresAt)}
            </Typography>
            <Typography variant="caption" color="textSecondary" component="p">
              {fromNow(grant.expiresAt, now)}
            </Typography>
            <Typography variant="caption" color="textSecondary" component="p">
              granted{' '}
              <span title={formatDateTime(grant.grantedAt)}>
                {formatDate(grant.grantedAt)}
              </span>
              {requestLink && (
                <>
                  {' · '}
                  <Link
                    to={requestLink({ request: grant.requestId })}
                    aria-label={`Request behind the grant of ${grant.useCaseRef}`}
                  >
                    request
                  </Link>
                </>
              )}
            </Typography>
          </>
        ),
      },
    ];
    if (anyRevocable) {
      list.push({
        title: 'Actions',
        width: '1%',
        render: grant =>
          canRevoke(grant) ? (
            <RevokeButton
              grant={grant}
              datasetOwner={datasetOwner}
              onRevoke={onRevoke}
            />
          ) : null,
      });
    }
    return list;
  }, [schema, requestLink, anyRevocable, canRevoke, onRevoke, datasetOwner]);

  if (grants.length === 0) {
    let text = 'No use case has access to this dataset.';
    if (guest) {
      text = 'Sign in to see which use cases have access.';
    } else if (filtered) {
      text = 'No use case you may see has access to this dataset.';
    }
    return (
      <Typography variant="body2" color="textSecondary">
        {text}
      </Typography>
    );
  }

  return (
    <>
      {filtered && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {`Only the grants you may see are listed; the owners of the dataset (${datasetOwner}) see them all.`}
        </Typography>
      )}
      <Table<AccessGrant>
        columns={columns}
        // material-table annotates rows in place: give it copies.
        data={grants.map(grant => ({ ...grant }))}
        options={{
          toolbar: false,
          search: false,
          sorting: false,
          paging: grants.length > 10,
          pageSize: 10,
          emptyRowsWhenPaging: false,
          padding: 'dense',
          draggable: false,
        }}
      />
    </>
  );
}
