import type { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    '& > li + li': { marginTop: theme.spacing(0.5) },
  },
  caption: { marginLeft: theme.spacing(1) },
}));

/** A list of links to entity pages, or "None". */
export function EntityRefList(props: {
  entityRefs: Array<string | CompoundEntityRef>;
  defaultKind?: string;
  defaultNamespace?: string;
  /** Accessible name of the list, e.g. "Upstream datasets". */
  label: string;
  /** A short note after a link, e.g. how the upstream is known ("observed"). */
  captionOf?: (ref: string | CompoundEntityRef) => string | undefined;
}) {
  const { entityRefs, defaultKind, defaultNamespace, label, captionOf } = props;
  const classes = useStyles();
  if (entityRefs.length === 0) {
    return (
      <Typography variant="body2" component="span" color="textSecondary">
        None
      </Typography>
    );
  }
  return (
    <ul className={classes.list} aria-label={label}>
      {entityRefs.map(ref => {
        const key =
          typeof ref === 'string'
            ? ref
            : `${ref.kind}:${ref.namespace}/${ref.name}`;
        const caption = captionOf?.(ref);
        return (
          <li key={key}>
            <EntityRefLink
              entityRef={ref}
              defaultKind={defaultKind}
              defaultNamespace={defaultNamespace}
            />
            {caption && (
              <Typography
                variant="caption"
                color="textSecondary"
                className={classes.caption}
              >
                {caption}
              </Typography>
            )}
          </li>
        );
      })}
    </ul>
  );
}
