import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { QueryRun } from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import InputAdornment from '@material-ui/core/InputAdornment';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import { Alert } from '@material-ui/lab';
import { useId, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { dataHubQueryApiRef } from '../../api/DataHubQueryApi';
import { queryErrorMessage } from '../../api/DataHubQueryError';
import { fromNow } from '../../utils/dates';
import { formatCount } from '../../utils/format';
import { Pager } from './Pager';
import { formatDuration } from './queryFormat';
import { useQueryListStyles } from './queryListStyles';

const HISTORY_PAGE_SIZE = 20;

const STATE_LABELS: Record<QueryRun['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

function describeRun(run: QueryRun, titleOfUseCase: (ref: string) => string) {
  const parts = [STATE_LABELS[run.state], titleOfUseCase(run.useCaseRef)];
  if (run.state === 'succeeded' && run.statistics.rows !== undefined) {
    parts.push(
      `${formatCount(run.statistics.rows)}${
        run.statistics.rowsTruncated ? '+' : ''
      } rows`,
    );
  }
  if (run.statistics.elapsedMs !== undefined) {
    parts.push(formatDuration(run.statistics.elapsedMs));
  }
  parts.push(fromNow(run.createdAt));
  return parts.join(' · ');
}

export interface HistoryPanelProps {
  /** Changes when a run ended, so the list shows it. */
  version: number;
  onOpen(run: QueryRun): void;
  titleOfUseCase(ref: string): string;
}

/**
 * The signed-in user's past queries, newest first, searchable by their SQL
 * and paged. Opening one puts its SQL and use case into the editor.
 */
export function HistoryPanel(props: HistoryPanelProps) {
  const { version, onOpen, titleOfUseCase } = props;
  const classes = useQueryListStyles();
  const api = useApi(dataHubQueryApiRef);
  const id = useId();
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);

  useDebounce(
    () => {
      // The debounce also fires once after mount; only a changed search may
      // send the user back to the first page.
      const next = searchText.trim();
      if (next !== search) {
        setSearch(next);
        setOffset(0);
      }
    },
    300,
    [searchText],
  );

  const history = useAsyncRetry(
    () =>
      api.listHistory({
        search: search || undefined,
        limit: HISTORY_PAGE_SIZE,
        offset,
      }),
    [api, search, offset, version],
  );

  let content;
  if (history.loading && !history.value) {
    content = <Progress />;
  } else if (history.error) {
    content = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={history.retry}>
            Retry
          </Button>
        }
      >
        {queryErrorMessage(history.error)}
      </Alert>
    );
  } else if (!history.value?.items.length) {
    content = search ? (
      <EmptyState
        missing="data"
        title="No matching queries"
        description={`None of your queries contains "${search}".`}
      />
    ) : (
      <EmptyState
        missing="data"
        title="No queries yet"
        description="Queries you run appear here, newest first."
      />
    );
  } else {
    const page = history.value;
    content = (
      <>
        <List dense aria-label="Query history" disablePadding>
          {page.items.map(run => (
            <ListItem
              key={run.id}
              button
              onClick={() => onOpen(run)}
              className={classes.item}
            >
              <ListItemText
                className={classes.text}
                primary={<span className={classes.sql}>{run.sql}</span>}
                secondary={
                  <span
                    className={
                      run.state === 'failed' ? classes.failed : undefined
                    }
                  >
                    {describeRun(run, titleOfUseCase)}
                  </span>
                }
              />
            </ListItem>
          ))}
        </List>
        <Pager
          label="History pages"
          offset={offset}
          pageSize={HISTORY_PAGE_SIZE}
          totalCount={page.totalCount}
          onChange={setOffset}
        />
      </>
    );
  }

  return (
    <Box>
      <TextField
        id={`${id}-search`}
        type="search"
        fullWidth
        size="small"
        variant="outlined"
        margin="dense"
        label="Search history"
        placeholder="Text of the SQL"
        value={searchText}
        onChange={event => setSearchText(event.target.value)}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      {content}
    </Box>
  );
}
