import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import type { ResultHighlight } from '@backstage/plugin-search-common';
import {
  HighlightedSearchResultText,
  useSearch,
  useSearchContextCheck,
} from '@backstage/plugin-search-react';
import Chip from '@material-ui/core/Chip';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useMemo } from 'react';
import { ClassificationChip } from '../components/ClassificationChip';
import { useHubs } from '../hooks/useHubs';
import { matchingColumns } from './matchingColumns';
import type { DatasetSearchDocument } from './types';

const useStyles = makeStyles(
  theme => ({
    item: { display: 'flex', width: '100%' },
    content: { flex: 1, minWidth: 0 },
    text: { marginTop: 0, marginBottom: theme.spacing(1) },
    chips: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(0.5),
    },
    columnsRow: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      marginTop: theme.spacing(0.5),
    },
    columns: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(0.5),
      margin: 0,
      padding: 0,
      listStyle: 'none',
    },
    columnChip: { fontFamily: 'monospace' },
  }),
  { name: 'DataHubDatasetSearchResultListItem' },
);

/** @public */
export interface DatasetSearchResultListItemProps {
  /** The search document, of type `dataset`. */
  result?: DatasetSearchDocument;
  highlight?: ResultHighlight;
  rank?: number;
  icon?: ReactNode;
  /**
   * The search term, whose columns are shown as "Matching columns"; defaults
   * to the term of the surrounding search context, if any.
   */
  term?: string;
  /** Matching columns shown before "+N more"; defaults to 10. */
  maxColumns?: number;
}

function capitalize(value: string): string {
  return value.charAt(0).toLocaleUpperCase('en-US') + value.slice(1);
}

/** `group:default/data-team` → `data-team`; an unparsable ref is shown as it is. */
function humanizeOwner(owner: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(owner), { defaultKind: 'group' });
  } catch {
    return owner;
  }
}

function DatasetSearchResult(
  props: DatasetSearchResultListItemProps & { term: string },
) {
  const { result, highlight, icon, term, maxColumns = 10 } = props;
  const classes = useStyles();
  const { hubs } = useHubs();
  const matches = useMemo(
    () => matchingColumns(term, result?.columns ?? []),
    [term, result?.columns],
  );
  if (!result) {
    return null;
  }
  const hub = result.hub
    ? hubs.find(h => h.name === result.hub)?.title ?? result.hub
    : undefined;
  const shown = matches.slice(0, maxColumns);
  const hidden = matches.length - shown.length;

  return (
    <div className={classes.item} data-testid="dataset-search-result">
      {icon && <ListItemIcon>{icon}</ListItemIcon>}
      <div className={classes.content}>
        <ListItemText
          className={classes.text}
          primaryTypographyProps={{ variant: 'h6' }}
          primary={
            <Link noTrack to={result.location}>
              {highlight?.fields.title ? (
                <HighlightedSearchResultText
                  text={highlight.fields.title}
                  preTag={highlight.preTag}
                  postTag={highlight.postTag}
                />
              ) : (
                result.title
              )}
            </Link>
          }
          secondary={
            result.description ? (
              <Typography
                component="span"
                variant="body2"
                color="textSecondary"
              >
                {result.description}
              </Typography>
            ) : undefined
          }
        />
        <div className={classes.chips}>
          {hub && <Chip size="small" label={`Hub: ${hub}`} />}
          {result.layer && (
            <Chip size="small" label={`Layer: ${capitalize(result.layer)}`} />
          )}
          {result.owner && (
            <Chip
              size="small"
              label={`Owner: ${humanizeOwner(result.owner)}`}
            />
          )}
          {result.classification && (
            <ClassificationChip classification={result.classification} />
          )}
        </div>
        {shown.length > 0 && (
          <div className={classes.columnsRow}>
            <Typography component="span" variant="body2" color="textSecondary">
              Matching columns:
            </Typography>
            <ul className={classes.columns} aria-label="Matching columns">
              {shown.map(column => (
                <li key={column}>
                  <Chip
                    size="small"
                    variant="outlined"
                    color="primary"
                    className={classes.columnChip}
                    label={column}
                  />
                </li>
              ))}
            </ul>
            {hidden > 0 && (
              <Typography
                component="span"
                variant="body2"
                color="textSecondary"
              >
                +{hidden} more
              </Typography>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

function DatasetSearchResultInSearchContext(
  props: DatasetSearchResultListItemProps,
) {
  const { term } = useSearch();
  return <DatasetSearchResult {...props} term={term} />;
}

/**
 * A search result of type `dataset`: the title linked to the entity page,
 * the description, chips for hub, layer, owner and classification, and the
 * dataset's columns that match the search term.
 *
 * @public
 */
export function DatasetSearchResultListItem(
  props: DatasetSearchResultListItemProps,
) {
  const inSearchContext = useSearchContextCheck();
  if (props.term === undefined && inSearchContext) {
    return <DatasetSearchResultInSearchContext {...props} />;
  }
  return <DatasetSearchResult {...props} term={props.term ?? ''} />;
}
