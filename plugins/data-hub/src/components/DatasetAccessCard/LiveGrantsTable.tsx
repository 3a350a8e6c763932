import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  AccessGrant,
  DatasetTable,
} from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { useAccessRequestsLink } from '../../hooks/useAccessRequestsLink';
import { formatDate, formatDateTime, fromNow } from '../../utils/dates';
import { AccessScope } from '../AccessScope';

/**
 * "Use cases with access": each live grant with its columns per table and
 * its expiry; a Revoke button where the signed-in user may revoke.
 */
export function LiveGrantsTable(props: {
  grants: AccessGrant[];
  schema: DatasetTable[];
  canRevoke: (grant: AccessGrant) => boolean;
  onRevoke: (grant: AccessGrant) => void;
}) {
  const { grants, schema, canRevoke, onRevoke } = props;
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
            <Button
              size="small"
              variant="outlined"
              color="secondary"
              style={{ whiteSpace: 'nowrap' }}
              onClick={() => onRevoke(grant)}
              aria-label={`Revoke access of ${grant.useCaseRef}`}
            >
              Revoke
            </Button>
          ) : null,
      });
    }
    return list;
  }, [schema, requestLink, anyRevocable, canRevoke, onRevoke]);

  if (grants.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No use case has access to this dataset.
      </Typography>
    );
  }

  return (
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
  );
}
