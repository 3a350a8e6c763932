import { useApi } from '@backstage/core-plugin-api';
import type { QueryRun } from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert, AlertTitle } from '@material-ui/lab';
import { useEffect, useRef, useState } from 'react';
import { dataHubQueryApiRef } from '../../api/DataHubQueryApi';
import { queryErrorMessage } from '../../api/DataHubQueryError';
import { formatCount } from '../../utils/format';
import { DatasetLink } from '../DataHubOverviewPage/DatasetLink';
import { describeStatistics, formatDuration } from './queryFormat';
import { ResultsGrid } from './ResultsGrid';
import { isActive, type RunnerState } from './useQueryRunner';
import { useResultRows } from './useResultRows';

/** The time since `startedAt`, ticking while it is shown. */
function Elapsed(props: { startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return <>{formatDuration(now - props.startedAt)}</>;
}

function RunningStatus(props: { state: RunnerState }) {
  const { phase, run, startedAt, cancelling } = props.state;
  const progress = run?.progress;
  const known = progress !== undefined && progress > 0;
  let label = 'Running';
  if (phase === 'starting') label = 'Starting';
  if (phase === 'queued') label = 'Queued';
  if (cancelling) label = 'Cancelling';
  return (
    <Box>
      <LinearProgress
        variant={known ? 'determinate' : 'indeterminate'}
        value={known ? Math.round(progress! * 100) : undefined}
        aria-label="Query progress"
      />
      <Box mt={1} display="flex" alignItems="baseline">
        <Typography variant="body2" role="status">
          {label}…
        </Typography>
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginLeft: 8, fontVariantNumeric: 'tabular-nums' }}
        >
          {startedAt && <Elapsed startedAt={startedAt} />}
          {known && ` · ${Math.round(progress! * 100)} %`}
        </Typography>
      </Box>
    </Box>
  );
}

const DATASET_REF = /\bdataset:[a-z0-9][\w.-]*\/[a-z0-9][\w.-]*/gi;

const useStyles = makeStyles(theme => ({
  detail: {
    margin: theme.spacing(1, 0, 0),
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 12,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

/**
 * The backend's message as it came. An engine's message may go on with the
 * statement and a caret under the spot (`LINE 1: SELECT … ^`): those lines are
 * kept in a monospace block so the caret points where it should.
 */
function ErrorMessage(props: { message: string }) {
  const classes = useStyles();
  const [first, ...rest] = props.message.split('\n');
  const detail = rest.join('\n').replace(/\s+$/, '');
  // A column or table the use case does not hold: the backend names the dataset,
  // whose page is where the grant is requested or extended.
  const datasets = [...new Set(first.match(DATASET_REF) ?? [])];
  return (
    <>
      {first}
      {detail && <pre className={classes.detail}>{detail}</pre>}
      {datasets.length > 0 && (
        <Box mt={1}>
          {datasets.map(ref => (
            <Typography key={ref} variant="body2">
              Request access on the dataset's page:{' '}
              <DatasetLink entityRef={ref} />
            </Typography>
          ))}
        </Box>
      )}
    </>
  );
}

/**
 * Downloads every row as CSV. The file goes through a Blob because the
 * backend needs the user's token (see DataHubQueryClient.downloadCsv).
 */
function DownloadCsvButton(props: { run: QueryRun }) {
  const api = useApi(dataHubQueryApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const abort = useRef<AbortController>();
  useEffect(() => () => abort.current?.abort(), []);

  const download = async () => {
    abort.current = new AbortController();
    setBusy(true);
    setError(undefined);
    try {
      const file = await api.downloadCsv(props.run.id, abort.current.signal);
      const url = URL.createObjectURL(file.blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = file.fileName;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      // The browser has taken the file over once the click is handled.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      if (!abort.current.signal.aborted) setError(queryErrorMessage(e));
    } finally {
      if (!abort.current.signal.aborted) setBusy(false);
    }
  };

  return (
    <>
      <Button
        variant="outlined"
        size="small"
        startIcon={busy ? <CircularProgress size={16} /> : <GetAppIcon />}
        onClick={download}
        disabled={busy}
      >
        {busy ? 'Downloading…' : 'Download CSV'}
      </Button>
      {error && (
        <Box mt={1} width="100%">
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </>
  );
}

/**
 * What the last run came to: progress and elapsed time while it runs, the
 * backend's message when it failed, else its statistics, the results grid
 * and the CSV download.
 */
export function QueryResults(props: {
  state: RunnerState;
  /** Runs the same SQL as the same use case again (after an interruption). */
  onRerun?: (run: QueryRun) => void;
}) {
  const { state, onRerun } = props;
  const { phase, run, error } = state;
  const api = useApi(dataHubQueryApiRef);
  const succeeded = phase === 'succeeded' && run ? run : undefined;
  const result = useResultRows(
    api,
    succeeded?.id,
    succeeded?.statistics.rows,
    succeeded?.firstPage,
  );

  if (phase === 'idle') {
    return (
      <Typography variant="body2" color="textSecondary">
        Write a query and run it to see its results here.
      </Typography>
    );
  }
  if (isActive(phase)) {
    return <RunningStatus state={state} />;
  }
  if (phase === 'failed') {
    return (
      <Alert severity="error">
        <AlertTitle>The query failed</AlertTitle>
        <ErrorMessage message={error ?? 'The query failed'} />
      </Alert>
    );
  }
  if (phase === 'cancelled') {
    return (
      <Alert severity="info">
        The query was cancelled
        {run?.statistics.elapsedMs !== undefined
          ? ` after ${formatDuration(run.statistics.elapsedMs)}`
          : ''}
        .
      </Alert>
    );
  }
  if (phase === 'interrupted') {
    return (
      <Alert
        severity="warning"
        action={
          run && onRerun ? (
            <Button color="inherit" size="small" onClick={() => onRerun(run)}>
              Run again
            </Button>
          ) : undefined
        }
      >
        <AlertTitle>The query was interrupted</AlertTitle>
        {run?.error?.message ??
          'The backend running it stopped before it ended; run it again.'}
      </Alert>
    );
  }
  if (!succeeded) {
    return null;
  }

  const { rows, rowsTruncated } = succeeded.statistics;
  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        flexWrap="wrap"
        mb={1}
      >
        <Typography variant="body2" role="status">
          Succeeded · {describeStatistics(succeeded)}
        </Typography>
        <DownloadCsvButton run={succeeded} />
      </Box>
      {rowsTruncated && (
        <Box mb={1}>
          <Alert severity="info">
            The result has more rows than the{' '}
            {rows !== undefined ? formatCount(rows) : ''} kept for browsing
            here; Download CSV has all of them.
          </Alert>
        </Box>
      )}
      {result.error && (
        <Box mb={1}>
          <Alert
            severity="error"
            action={
              <Button color="inherit" size="small" onClick={result.retry}>
                Retry
              </Button>
            }
          >
            {result.error}
          </Alert>
        </Box>
      )}
      {!result.columns && !result.error && <LinearProgress />}
      {result.columns && (
        <>
          <ResultsGrid result={result} pageRows={result.pageRows} />
          {result.rowCount === 0 && (
            <Box mt={1}>
              <Typography variant="body2" color="textSecondary">
                The query returned no rows.
              </Typography>
            </Box>
          )}
          {result.rowCount > 0 && (
            <Box mt={0.5} display="flex" justifyContent="space-between">
              <Typography variant="caption" color="textSecondary">
                {formatCount(result.loadedCount)} of{' '}
                {formatCount(result.rowCount)} rows loaded; scrolling loads the
                next page.
              </Typography>
              {result.loading && (
                <Typography variant="caption" color="textSecondary">
                  Loading rows…
                </Typography>
              )}
            </Box>
          )}
        </>
      )}
    </Box>
  );
}
