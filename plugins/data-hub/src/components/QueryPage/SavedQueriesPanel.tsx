import { EmptyState, Progress } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { SavedQuery } from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataHubQueryApiRef } from '../../api/DataHubQueryApi';
import { queryErrorMessage } from '../../api/DataHubQueryError';
import { fromNow } from '../../utils/dates';
import { CommentDialog } from '../CommentDialog';
import { useQueryListStyles } from './queryListStyles';

export interface SavedQueriesPanelProps {
  /** Changes when a query was saved, so the list shows it. */
  version: number;
  /** The signed-in user's entity ref: their own queries may be deleted. */
  userRef?: string;
  onOpen(saved: SavedQuery): void;
  titleOfUseCase(ref: string): string;
}

/** `user:default/alice-analyst` → `alice-analyst`. */
const shortRef = (ref: string) => ref.replace(/^[^:]+:(default\/)?/, '');

/**
 * Saved queries: the signed-in user's own and those teammates shared with
 * their use cases. Opening one puts its SQL and use case into the editor; the
 * owner may delete theirs.
 */
export function SavedQueriesPanel(props: SavedQueriesPanelProps) {
  const { version, userRef, onOpen, titleOfUseCase } = props;
  const classes = useQueryListStyles();
  const api = useApi(dataHubQueryApiRef);
  const alertApi = useApi(alertApiRef);
  const [deleting, setDeleting] = useState<SavedQuery>();
  const [deleted, setDeleted] = useState(0);

  const saved = useAsyncRetry(
    () => api.listSavedQueries(),
    [api, version, deleted],
  );

  if (saved.loading && !saved.value) {
    return <Progress />;
  }
  if (saved.error) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={saved.retry}>
            Retry
          </Button>
        }
      >
        {queryErrorMessage(saved.error)}
      </Alert>
    );
  }
  if (!saved.value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No saved queries"
        description="Save a query to run it again later; share it, and your use case's team finds it here too."
      />
    );
  }

  const items = [...saved.value].sort((a, b) =>
    b.updatedAt.localeCompare(a.updatedAt),
  );

  return (
    <Box>
      <List dense aria-label="Saved queries" disablePadding>
        {items.map(query => {
          const mine = query.ownerRef === userRef;
          return (
            <ListItem
              key={query.id}
              button
              onClick={() => onOpen(query)}
              className={classes.item}
            >
              <ListItemText
                className={classes.text}
                disableTypography
                primary={
                  <Box display="flex" alignItems="center" flexWrap="wrap">
                    <Typography variant="body2" component="span">
                      <strong>{query.name}</strong>
                    </Typography>
                    {query.shared && (
                      <Box ml={1} component="span">
                        <Chip size="small" label="Shared" variant="outlined" />
                      </Box>
                    )}
                  </Box>
                }
                secondary={
                  <>
                    {query.description && (
                      <Typography
                        variant="body2"
                        color="textSecondary"
                        component="span"
                        display="block"
                      >
                        {query.description}
                      </Typography>
                    )}
                    <span className={classes.sql}>{query.sql}</span>
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      component="span"
                      display="block"
                    >
                      {titleOfUseCase(query.useCaseRef)}
                      {mine ? '' : ` · by ${shortRef(query.ownerRef)}`} ·
                      updated {fromNow(query.updatedAt)}
                    </Typography>
                  </>
                }
              />
              {mine && (
                <ListItemSecondaryAction>
                  <Tooltip title="Delete">
                    <IconButton
                      edge="end"
                      size="small"
                      aria-label={`Delete saved query ${query.name}`}
                      onClick={() => setDeleting(query)}
                    >
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </ListItemSecondaryAction>
              )}
            </ListItem>
          );
        })}
      </List>
      {deleting && (
        <CommentDialog
          open
          title={`Delete "${deleting.name}"?`}
          description={
            deleting.shared
              ? 'Your team will no longer find it either.'
              : 'The query is gone for good; your history keeps the runs.'
          }
          confirmLabel="Delete"
          destructive
          withComment={false}
          onConfirm={async () => {
            await api.deleteSavedQuery(deleting.id);
            setDeleting(undefined);
            setDeleted(n => n + 1);
            alertApi.post({
              message: `Saved query "${deleting.name}" deleted.`,
              severity: 'success',
              display: 'transient',
            });
          }}
          onClose={() => setDeleting(undefined)}
        />
      )}
    </Box>
  );
}
