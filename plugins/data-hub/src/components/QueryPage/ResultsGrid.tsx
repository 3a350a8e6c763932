import type { QueryResultColumn } from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ChevronLeft from '@material-ui/icons/ChevronLeft';
import ChevronRight from '@material-ui/icons/ChevronRight';
import { makeStyles } from '@material-ui/core/styles';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { formatCount } from '../../utils/format';
import { cellText, isNumericColumn } from './queryFormat';
import type { ResultRow, ResultRows } from './useResultRows';

/** Joins the class names that apply. */
const classNames = (...names: Array<string | false | undefined>) =>
  names.filter(Boolean).join(' ');

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 34;
const MIN_WIDTH = 72;
const MAX_WIDTH = 360;
const CHAR_WIDTH = 7.8;

const useStyles = makeStyles(theme => ({
  scroller: {
    position: 'relative',
    overflow: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 13,
    backgroundColor: theme.palette.background.paper,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 1,
    },
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    height: HEADER_HEIGHT,
    backgroundColor: theme.palette.background.default,
    borderBottom: `2px solid ${theme.palette.divider}`,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    height: ROW_HEIGHT,
    borderBottom: `1px solid ${theme.palette.divider}`,
    '&:hover': {
      backgroundColor: theme.palette.action.hover,
    },
  },
  cell: {
    position: 'absolute',
    top: 0,
    height: '100%',
    padding: theme.spacing(0, 1),
    display: 'flex',
    alignItems: 'center',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    borderRight: `1px solid ${theme.palette.divider}`,
    boxSizing: 'border-box',
  },
  cellText: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    width: '100%',
  },
  number: {
    justifyContent: 'flex-end',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
  },
  rowNumber: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    height: '100%',
    justifyContent: 'flex-end',
    color: theme.palette.text.secondary,
    backgroundColor: theme.palette.background.default,
    borderRight: `1px solid ${theme.palette.divider}`,
  },
  null: {
    color: theme.palette.text.disabled,
    fontStyle: 'italic',
  },
  loading: {
    color: theme.palette.text.disabled,
  },
}));

/**
 * A column's width from its name and the values of the first rows, so short
 * codes stay narrow and timestamps fit; long text is cut with an ellipsis
 * and shown whole on hover.
 */
function columnWidths(
  columns: QueryResultColumn[],
  sample: Array<ResultRow | undefined>,
): number[] {
  return columns.map((column, c) => {
    let chars = column.name.length + 2;
    for (const row of sample) {
      if (row) chars = Math.max(chars, cellText(row[c]).length);
    }
    return Math.round(
      Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, chars * CHAR_WIDTH + 20)),
    );
  });
}

export interface ResultsGridProps {
  result: ResultRows;
  /** Rows per page of the pager below the grid. */
  pageRows: number;
  /** Height of the grid in CSS, e.g. `60vh`. */
  maxHeight?: string;
}

/**
 * The results grid: rows and columns both virtualized (only what is on
 * screen is rendered, so 100,000 rows of 159 columns scroll like 10), a
 * header that stays on top, row numbers that stay left, numbers right
 * aligned, NULL set apart from the text "NULL", column types in the header
 * tooltips. Scrolling to rows not loaded yet loads their page.
 *
 * Keyboard: the grid is one tab stop; arrows, Page Up/Down, Home/End scroll it.
 */
export function ResultsGrid(props: ResultsGridProps) {
  const { result, pageRows, maxHeight = '60vh' } = props;
  const { columns = [], rowCount, row, ensure } = result;
  const classes = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);

  const hasFirstRows = rowCount > 0 && row(0) !== undefined;
  const widths = useMemo(
    () =>
      columnWidths(
        columns,
        Array.from({ length: Math.min(200, rowCount) }, (_, i) => row(i)),
      ),
    // Measured once per result, when the first rows are there.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columns, hasFirstRows],
  );
  const rowNumberWidth = Math.max(48, String(rowCount).length * 8 + 20);
  const numeric = useMemo(() => columns.map(isNumericColumn), [columns]);

  const rowVirtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    // Rows start below the sticky header, and scrolling to a row keeps it out from under it.
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: columns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: index => widths[index],
    overscan: 3,
  });
  useEffect(() => {
    columnVirtualizer.measure();
  }, [widths, columnVirtualizer]);

  const virtualRows = rowVirtualizer.getVirtualItems();
  const virtualColumns = columnVirtualizer.getVirtualItems();
  const firstVisible = virtualRows[0]?.index ?? 0;
  const lastVisible = virtualRows[virtualRows.length - 1]?.index ?? 0;

  // Load the pages of the rows on screen (and the overscan) that are missing.
  useEffect(() => {
    if (rowCount > 0) ensure(firstVisible, lastVisible + 1);
  }, [ensure, firstVisible, lastVisible, rowCount]);

  const totalWidth = rowNumberWidth + columnVirtualizer.getTotalSize();
  const totalHeight = rowVirtualizer.getTotalSize();

  const renderCell = (value: ResultRow[number] | undefined, c: number) => {
    if (value === null) {
      return <span className={classes.null}>NULL</span>;
    }
    const text = cellText(value as string | number | boolean);
    return (
      <span
        className={classes.cellText}
        // Cut text is shown whole on hover.
        title={text.length * CHAR_WIDTH + 20 > widths[c] ? text : undefined}
      >
        {text}
      </span>
    );
  };

  // The page the top of the view is on; the pager jumps a page at a time.
  const topRow = Math.round((rowVirtualizer.scrollOffset ?? 0) / ROW_HEIGHT);
  const pageStart = Math.floor(topRow / pageRows) * pageRows;
  const goTo = (index: number) => {
    rowVirtualizer.scrollToIndex(Math.max(0, Math.min(rowCount - 1, index)), {
      align: 'start',
    });
  };

  return (
    <>
      <div
        ref={scrollRef}
        className={classes.scroller}
        style={{
          // Short results take their own height; scrollbar room included.
          height: `min(${maxHeight}, ${totalHeight + 18}px)`,
        }}
        role="grid"
        aria-label="Query results"
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length + 1}
        tabIndex={0}
      >
        <div
          style={{
            width: totalWidth,
            height: totalHeight,
            position: 'relative',
          }}
        >
          <div
            className={classes.header}
            style={{ width: totalWidth }}
            role="row"
            aria-rowindex={1}
          >
            <div
              className={classNames(classes.cell, classes.rowNumber)}
              style={{ width: rowNumberWidth }}
              role="columnheader"
              aria-colindex={1}
            >
              #
            </div>
            {virtualColumns.map(virtualColumn => {
              const column = columns[virtualColumn.index];
              return (
                <Tooltip
                  key={virtualColumn.key}
                  title={column.type}
                  placement="top"
                  enterDelay={300}
                >
                  <div
                    className={classNames(
                      classes.cell,
                      numeric[virtualColumn.index] && classes.number,
                    )}
                    style={{
                      left: rowNumberWidth + virtualColumn.start,
                      width: virtualColumn.size,
                    }}
                    role="columnheader"
                    aria-colindex={virtualColumn.index + 2}
                  >
                    <span className={classes.cellText}>{column.name}</span>
                  </div>
                </Tooltip>
              );
            })}
          </div>
          {virtualRows.map(virtualRow => {
            const values = row(virtualRow.index);
            return (
              <div
                key={virtualRow.key}
                className={classes.row}
                style={{
                  width: totalWidth,
                  transform: `translateY(${virtualRow.start}px)`,
                }}
                role="row"
                aria-rowindex={virtualRow.index + 2}
                aria-busy={values ? undefined : true}
              >
                <div
                  className={classNames(classes.cell, classes.rowNumber)}
                  style={{ width: rowNumberWidth }}
                  role="rowheader"
                  aria-colindex={1}
                >
                  {virtualRow.index + 1}
                </div>
                {virtualColumns.map(virtualColumn => (
                  <div
                    key={virtualColumn.key}
                    className={classNames(
                      classes.cell,
                      numeric[virtualColumn.index] && classes.number,
                    )}
                    style={{
                      left: rowNumberWidth + virtualColumn.start,
                      width: virtualColumn.size,
                    }}
                    role="gridcell"
                    aria-colindex={virtualColumn.index + 2}
                  >
                    {values ? (
                      renderCell(
                        values[virtualColumn.index],
                        virtualColumn.index,
                      )
                    ) : (
                      <span className={classes.loading}>…</span>
                    )}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {rowCount > pageRows && (
        <Box
          display="flex"
          alignItems="center"
          justifyContent="flex-end"
          component="nav"
          aria-label="Result pages"
        >
          <Typography variant="caption" color="textSecondary">
            Page {formatCount(pageStart / pageRows + 1)} of{' '}
            {formatCount(Math.ceil(rowCount / pageRows))}
          </Typography>
          <IconButton
            size="small"
            aria-label="Previous page of rows"
            disabled={pageStart === 0}
            onClick={() => goTo(pageStart - pageRows)}
          >
            <ChevronLeft />
          </IconButton>
          <IconButton
            size="small"
            aria-label="Next page of rows"
            disabled={pageStart + pageRows >= rowCount}
            onClick={() => goTo(pageStart + pageRows)}
          >
            <ChevronRight />
          </IconButton>
        </Box>
      )}
    </>
  );
}
