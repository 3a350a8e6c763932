import type { DependencyGraphTypes } from '@backstage/core-components';
import { useAppHref } from '@backstage/frontend-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { makeStyles } from '@material-ui/core/styles';
import SettingsIcon from '@material-ui/icons/Settings';
import type { MouseEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { isExternal, openLineageName, truncate } from './lineageLabels';
import type { LineageNodeData } from './lineageGraphData';

/**
 * Node boxes have fixed sizes: SVG text cannot be measured before layout in
 * every browser alike, and equal boxes line up into tidy columns.
 */
export const DATASET_NODE_SIZE = { width: 230, height: 58 };
export const JOB_NODE_SIZE = { width: 190, height: 34 };

const CHIP_HEIGHT = 16;
/** Average glyph width at the chips' 10px font, to size chips without measuring. */
const CHIP_CHAR_WIDTH = 6;

const useStyles = makeStyles(theme => ({
  dataset: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.grey[500],
    strokeWidth: 1,
  },
  root: {
    fill: theme.palette.background.paper,
    stroke: theme.palette.primary.main,
    strokeWidth: 3,
  },
  external: {
    fill: theme.palette.background.default,
    stroke: theme.palette.grey[500],
    strokeWidth: 1,
    strokeDasharray: '4 3',
  },
  job: {
    fill: theme.palette.background.default,
    stroke: theme.palette.secondary.main,
    strokeWidth: 1,
  },
  title: {
    fill: theme.palette.text.primary,
    fontSize: 13,
    fontWeight: theme.typography.fontWeightMedium as number,
    fontFamily: theme.typography.fontFamily,
  },
  subtitle: {
    fill: theme.palette.text.secondary,
    fontSize: 11,
    fontFamily: theme.typography.fontFamily,
  },
  chip: {
    fill: theme.palette.action.selected,
  },
  rootChip: {
    fill: theme.palette.primary.main,
  },
  chipText: {
    fill: theme.palette.text.primary,
    fontSize: 10,
    fontFamily: theme.typography.fontFamily,
  },
  rootChipText: {
    fill: theme.palette.primary.contrastText,
  },
  jobIcon: {
    color: theme.palette.secondary.main,
  },
  link: {
    cursor: 'pointer',
    outline: 'none',
    '&:hover $dataset, &:focus $dataset': {
      stroke: theme.palette.primary.main,
      strokeWidth: 2,
    },
    '&:focus-visible $dataset': {
      strokeWidth: 3,
    },
  },
}));

function Chip(props: { x: number; text: string; root?: boolean }) {
  const { x, text, root } = props;
  const classes = useStyles();
  const width = text.length * CHIP_CHAR_WIDTH + 12;
  return (
    <g transform={`translate(${x},34)`}>
      <rect
        width={width}
        height={CHIP_HEIGHT}
        rx={CHIP_HEIGHT / 2}
        className={root ? classes.rootChip : classes.chip}
      />
      <text
        x={width / 2}
        y={11.5}
        textAnchor="middle"
        className={
          root
            ? `${classes.chipText} ${classes.rootChipText}`
            : classes.chipText
        }
      >
        {text}
      </text>
    </g>
  );
}

/** A chip's text, and what it tells (one chip of each kind at most). */
type ChipLabel = {
  key: 'root' | 'external' | 'layer' | 'hub';
  text: string;
  root?: boolean;
};

/** Small labels in a row, left to right. */
function chipRow(labels: ChipLabel[]): ReactNode[] {
  let x = 10;
  return labels.map(label => {
    // Long hub names would run out of the box.
    const text = truncate(label.text, 14);
    const chip = <Chip key={label.key} x={x} text={text} root={label.root} />;
    x += text.length * CHIP_CHAR_WIDTH + 12 + 4;
    return chip;
  });
}

function JobNode(props: { data: LineageNodeData }) {
  const { data } = props;
  const classes = useStyles();
  const { width, height } = JOB_NODE_SIZE;
  return (
    <g data-lineage-kind="job">
      <title>{`Job ${openLineageName(data.lineage)}`}</title>
      <rect
        width={width}
        height={height}
        rx={height / 2}
        className={classes.job}
      />
      <SettingsIcon
        x={12}
        y={(height - 18) / 2}
        width={18}
        height={18}
        // SvgIcon sizes itself in em by CSS, which beats the attributes.
        style={{ fontSize: 18 }}
        className={classes.jobIcon}
        aria-hidden
      />
      <text x={36} y={height / 2 + 4.5} className={classes.title}>
        {truncate(data.label, 22)}
      </text>
    </g>
  );
}

function DatasetNode(props: { data: LineageNodeData }) {
  const { data } = props;
  const { lineage, label, isRoot } = data;
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const navigate = useNavigate();
  const external = isExternal(lineage);
  const { width, height } = DATASET_NODE_SIZE;

  const chips: ChipLabel[] = [];
  if (isRoot) chips.push({ key: 'root', text: 'this dataset', root: true });
  if (external) chips.push({ key: 'external', text: 'external' });
  if (lineage.layer) chips.push({ key: 'layer', text: lineage.layer });
  if (lineage.hub) chips.push({ key: 'hub', text: lineage.hub });

  let boxClass = classes.dataset;
  if (isRoot) boxClass = classes.root;
  else if (external) boxClass = classes.external;

  const description = external
    ? `${label} (external: ${openLineageName(lineage)})`
    : [label, lineage.layer, lineage.hub].filter(Boolean).join(', ');

  const box = (
    <g data-lineage-kind={external ? 'external' : 'dataset'}>
      <title>{description}</title>
      <rect width={width} height={height} rx={6} className={boxClass} />
      <text x={10} y={22} className={classes.title}>
        {truncate(label, 30)}
      </text>
      {chipRow(chips)}
    </g>
  );

  const href = lineage.entityRef ? entityLink(lineage.entityRef) : '/';
  // With the app's base path, so a new tab or a copied link works when the
  // portal is served below `/`.
  const browserHref = useAppHref(href);
  // The current page's dataset, and datasets outside the catalog, lead nowhere.
  if (isRoot || external || !lineage.entityRef) {
    return box;
  }
  const onClick = (event: MouseEvent) => {
    // Modified clicks keep the browser's own handling (new tab or window).
    if (
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a
      href={browserHref}
      onClick={onClick}
      className={classes.link}
      aria-label={`${description}: open dataset`}
    >
      {box}
    </a>
  );
}

/** A node of the lineage graph: a job, a catalog dataset (a link to its page) or an external dataset. */
export function LineageNode(
  props: DependencyGraphTypes.RenderNodeProps<LineageNodeData>,
) {
  const { node } = props;
  return node.lineage.kind === 'job' ? (
    <JobNode data={node} />
  ) : (
    <DatasetNode data={node} />
  );
}
