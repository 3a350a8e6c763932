import type { TableOptions } from '@backstage/core-components';

/** Rows per page of the overview's tables; they page only beyond it. */
export const PAGE_SIZE = 10;

/**
 * The options the overview's tables share: the card around each table
 * carries its title, so no toolbar; rows come sorted by what matters for
 * each list, so no column sorting that would hide that order.
 */
export function overviewTableOptions<T extends object>(
  rowCount: number,
): TableOptions<T> {
  return {
    toolbar: false,
    search: false,
    sorting: false,
    paging: rowCount > PAGE_SIZE,
    pageSize: PAGE_SIZE,
    pageSizeOptions: [PAGE_SIZE, 25, 50],
    emptyRowsWhenPaging: false,
    padding: 'dense',
    draggable: false,
  };
}
