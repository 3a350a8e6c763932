import type { DatasetUsage } from '@cloud-data-hub/data-hub-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';

/** Units of the SVG's own coordinates; the SVG stretches to the card's width. */
const BAR_WIDTH = 8;
const GAP = 2;
const HEIGHT = 60;

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  svg: {
    display: 'block',
    width: '100%',
    height: 64,
  },
  bar: { fill: theme.palette.primary.main },
  // Full-height and invisible: the hover target of a day, also of a day without queries.
  slot: {
    fill: 'transparent',
    '&:hover': { fill: theme.palette.action.hover },
  },
  baseline: { stroke: theme.palette.divider },
  axis: {
    display: 'flex',
    justifyContent: 'space-between',
  },
}));

const dayFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** `2024-05-10` (a UTC day, as the backend counts them) as `May 10`. */
function formatDay(date: string): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(at) ? date : dayFormat.format(at);
}

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * Queries per day as bars, plain SVG: a small card needs no chart library.
 * Each day's figures are its tooltip, and the chart has a text summary.
 */
export function QueriesPerDayChart(props: { perDay: DatasetUsage['perDay'] }) {
  const { perDay } = props;
  const classes = useStyles();
  const id = useId();
  if (perDay.length === 0) {
    return null;
  }
  const most = Math.max(1, ...perDay.map(d => d.queries));
  const width = perDay.length * (BAR_WIDTH + GAP);
  const first = perDay[0].date;
  const last = perDay[perDay.length - 1].date;
  return (
    <figure className={classes.figure}>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${id}-title`}
      >
        <title id={`${id}-title`}>
          {`Queries per day from ${formatDay(first)} to ${formatDay(
            last,
          )}, at most ${plural(
            Math.max(...perDay.map(d => d.queries)),
            'query',
            'queries',
          )} a day`}
        </title>
        {perDay.map((day, i) => {
          const x = i * (BAR_WIDTH + GAP);
          const height = (day.queries / most) * (HEIGHT - 1);
          return (
            <g key={day.date} data-date={day.date}>
              <title>
                {`${formatDay(day.date)}: ${plural(
                  day.queries,
                  'query',
                  'queries',
                )} by ${plural(day.users, 'user', 'users')}`}
              </title>
              <rect
                className={classes.slot}
                x={x}
                y={0}
                width={BAR_WIDTH}
                height={HEIGHT}
              />
              {day.queries > 0 && (
                <rect
                  className={classes.bar}
                  x={x}
                  y={HEIGHT - 1 - height}
                  width={BAR_WIDTH}
                  height={height}
                />
              )}
            </g>
          );
        })}
        <line
          className={classes.baseline}
          x1={0}
          x2={width}
          y1={HEIGHT - 0.5}
          y2={HEIGHT - 0.5}
          vectorEffect="non-scaling-stroke"
        />
      </svg>
      <figcaption className={classes.axis}>
        <Typography variant="caption" color="textSecondary">
          {formatDay(first)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {formatDay(last)}
        </Typography>
      </figcaption>
    </figure>
  );
}
