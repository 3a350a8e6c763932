import { makeStyles } from '@material-ui/core/styles';

/** Styles the history and saved-query lists share. */
export const useQueryListStyles = makeStyles(theme => ({
  // Backstage's theme keeps list texts on one line with an ellipsis; SQL and
  // names need their lines here.
  text: {
    whiteSpace: 'normal',
    overflow: 'visible',
  },
  item: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    alignItems: 'flex-start',
  },
  sql: {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 12,
    // Two lines of SQL, the rest in the editor once opened.
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    wordBreak: 'break-word',
  },
  failed: {
    color: theme.palette.error.main,
  },
}));
