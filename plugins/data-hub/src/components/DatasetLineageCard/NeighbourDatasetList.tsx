import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import { isExternal, openLineageName } from './lineageLabels';
import type { LineageSide, NeighbourDataset } from './lineageLists';

const useStyles = makeStyles(theme => ({
  heading: { marginBottom: theme.spacing(1) },
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    '& > li + li': { marginTop: theme.spacing(1) },
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

const HEADINGS: Record<LineageSide, string> = {
  upstream: 'Upstream datasets',
  downstream: 'Downstream datasets',
};

function hops(distance: number): string {
  return distance === 1 ? 'direct' : `${distance} hops`;
}

/** How an item is linked: via which jobs, or declared only. */
function linkedBy(item: NeighbourDataset): string | undefined {
  const jobs = item.viaJobs.length ? `via ${item.viaJobs.join(', ')}` : '';
  if (item.declared && !item.observed) return 'declared in spec.upstream';
  if (item.declared) return `${jobs}; also declared in spec.upstream`;
  return jobs || undefined;
}

/**
 * The datasets of one side as a list of links: the graph's accessible and
 * keyboard-friendly counterpart, and a plain list to scan or search.
 */
export function NeighbourDatasetList(props: {
  side: LineageSide;
  items: NeighbourDataset[];
}) {
  const { side, items } = props;
  const classes = useStyles();
  const id = useId();
  const heading = HEADINGS[side];
  return (
    <section aria-labelledby={id}>
      <Typography
        id={id}
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        {heading} ({items.length})
      </Typography>
      {items.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None reported.
        </Typography>
      ) : (
        <ul
          className={classes.list}
          // Named apart from the Dataset card's own upstream list on the same page.
          aria-label={`${heading} in the lineage graph`}
        >
          {items.map(item => {
            const external = isExternal(item.node);
            const how = linkedBy(item);
            return (
              <li key={item.node.id}>
                <div className={classes.line}>
                  {item.node.entityRef && !item.node.external ? (
                    <EntityRefLink
                      entityRef={item.node.entityRef}
                      title={item.label}
                    />
                  ) : (
                    <Typography variant="body2" component="span">
                      {item.label}
                    </Typography>
                  )}
                  {external && (
                    <Chip size="small" variant="outlined" label="external" />
                  )}
                  {item.node.layer && (
                    <Chip size="small" label={item.node.layer} />
                  )}
                  {item.node.hub && <Chip size="small" label={item.node.hub} />}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="span"
                  >
                    {hops(item.distance)}
                  </Typography>
                </div>
                {(external || how) && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {[external && openLineageName(item.node), how]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
