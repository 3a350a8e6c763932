import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatCount } from '../../utils/format';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    '& > li': {
      display: 'flex',
      justifyContent: 'space-between',
      gap: theme.spacing(1),
    },
    '& > li + li': { marginTop: theme.spacing(0.5) },
  },
  link: { overflow: 'hidden', textOverflow: 'ellipsis' },
  count: { flexShrink: 0 },
}));

/** Entities by how often they queried the dataset: links to their pages and the counts. */
export function TopRefsList(props: {
  items: Array<{ ref: string; queries: number }>;
  defaultKind: string;
  /** Accessible name of the list, e.g. "Top users". */
  label: string;
}) {
  const { items, defaultKind, label } = props;
  const classes = useStyles();
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None
      </Typography>
    );
  }
  return (
    <ol className={classes.list} aria-label={label}>
      {items.map(item => (
        <li key={item.ref}>
          <Typography variant="body2" component="span" className={classes.link}>
            <EntityRefLink entityRef={item.ref} defaultKind={defaultKind} />
          </Typography>
          <Typography
            variant="body2"
            component="span"
            color="textSecondary"
            className={classes.count}
          >
            {formatCount(item.queries)}{' '}
            {item.queries === 1 ? 'query' : 'queries'}
          </Typography>
        </li>
      ))}
    </ol>
  );
}
