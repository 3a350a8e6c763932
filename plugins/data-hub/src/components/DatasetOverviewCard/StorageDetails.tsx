import { DatasetStorage } from '@cloud-data-hub/data-hub-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  value: {
    margin: 0,
    fontFamily: 'monospace',
    // S3 URIs and Glue names are long and have no spaces: break anywhere.
    overflowWrap: 'anywhere',
  },
}));

/** Where a dataset lives: location, Glue database, region and account, as a definition list. */
export function StorageDetails({ storage }: { storage?: DatasetStorage }) {
  const classes = useStyles();
  const rows: Array<[string, string | undefined]> = [
    ['Location', storage?.location],
    ['Glue database', storage?.glueDatabase],
    ['Region', storage?.region],
    ['Account', storage?.accountId],
  ];
  return (
    <Typography variant="body2" component="dl" className={classes.list}>
      {rows.map(([term, value]) => [
        <dt key={`${term}-t`} className={classes.term}>
          {term}
        </dt>,
        <dd key={`${term}-d`} className={classes.value}>
          {value ?? 'Not set'}
        </dd>,
      ])}
    </Typography>
  );
}
