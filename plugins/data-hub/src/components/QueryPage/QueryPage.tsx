import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import { storageApiRef, useApi } from '@backstage/core-plugin-api';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import {
  dataHubQueryRunPermission,
  QueryRun,
  SavedQuery,
} from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import SaveIcon from '@material-ui/icons/Save';
import StopIcon from '@material-ui/icons/Stop';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { dataHubQueryApiRef } from '../../api/DataHubQueryApi';
import { queryErrorMessage } from '../../api/DataHubQueryError';
import { useActionPermission } from '../../hooks/useActionPermission';
import { useCatalogDatasetsLink } from '../../hooks/useQueryPageLink';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { isForbidden } from '../../utils/errorStatus';
import { signInToText } from '../../utils/viewer';
import { ActionTooltip } from '../ActionTooltip';
import { DatasetLink } from '../DataHubOverviewPage/DatasetLink';
import { normalizeDatasetRef, preferredUseCase } from './datasetUseCase';
import { HistoryPanel } from './HistoryPanel';
import { QueryResults } from './QueryResults';
import { SavedQueriesPanel } from './SavedQueriesPanel';
import { SaveQueryDialog } from './SaveQueryDialog';
import { SchemaBrowser } from './SchemaBrowser';
import { SqlEditor, type SqlEditorHandle } from './SqlEditor';
import { buildSqlSchema } from './sqlSchema';
import {
  findUseCase,
  labelOfUseCase,
  nameOfUseCase,
  UseCasePicker,
} from './UseCasePicker';
import { isActive, useQueryRunner } from './useQueryRunner';

const useStyles = makeStyles(theme => ({
  side: {
    display: 'flex',
    flexDirection: 'column',
    // The side panel scrolls on its own, next to a long result.
    maxHeight: 'calc(100vh - 200px)',
    minHeight: 320,
  },
  tabs: {
    borderBottom: `1px solid ${theme.palette.divider}`,
    minHeight: 40,
  },
  tab: {
    textTransform: 'none',
    minWidth: 0,
    minHeight: 40,
    flex: 1,
  },
  panel: {
    overflow: 'auto',
    padding: theme.spacing(1),
    flex: 1,
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  buttons: {
    display: 'flex',
    gap: theme.spacing(1),
    // Lines the buttons up with the picker's input, above its helper text.
    paddingTop: 2,
  },
  notice: {
    marginBottom: theme.spacing(1),
  },
}));

type SideTab = 'tables' | 'history' | 'saved';
const SIDE_TABS: SideTab[] = ['tables', 'history', 'saved'];

/** Keys of the `data-hub.query` storage bucket (the browser's local storage by default). */
const USE_CASE_KEY = 'useCase';
const DRAFT_KEY = 'draft';

const IS_MAC =
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.userAgent);
const RUN_SHORTCUT = IS_MAC ? '⌘+Enter' : 'Ctrl+Enter';

/**
 * The "Query" page without its header: SQL over what a use case of the
 * signed-in user's team may read. Use-case picker, editor with completion of
 * the granted schemas / tables / columns, run (Ctrl/Cmd+Enter) and cancel,
 * results grid with paging and CSV download, and side panels of the granted
 * tables, the history and the saved queries.
 *
 * `?useCase=` picks the use case; else `?dataset=` (a Dataset page's "Query"
 * link) picks one whose queryable datasets include it — the last one picked
 * if it may, else the first by title — or says that none may and where to
 * request access; else the last one picked. `?sql=` fills the editor (else
 * the last draft). The SQL itself never picks a use case: opening a run of
 * the history or a saved query picks the use case stored with it.
 *
 * @public
 */
export function QueryPageContent() {
  const classes = useStyles();
  const id = useId();
  const api = useApi(dataHubQueryApiRef);
  const storageApi = useApi(storageApiRef);
  const storage = useMemo(
    () => storageApi.forBucket('data-hub.query'),
    [storageApi],
  );
  const user = useSignedInUser();
  const runPermission = useActionPermission({
    permission: dataHubQueryRunPermission,
    action: 'run queries',
  });
  const catalogLink = useCatalogDatasetsLink();
  const [params, setParams] = useAppSearchParams();
  const editorRef = useRef<SqlEditorHandle>(null);

  const [sqlText, setSqlText] = useState(
    () => params.get('sql') ?? storage.snapshot<string>(DRAFT_KEY).value ?? '',
  );
  const [useCaseRef, setUseCaseRef] = useState<string>();
  const [tab, setTab] = useState<SideTab>('tables');
  const [historyVersion, setHistoryVersion] = useState(0);
  const [savedVersion, setSavedVersion] = useState(0);
  const [openedSaved, setOpenedSaved] = useState<SavedQuery>();
  const [saving, setSaving] = useState(false);

  // The starter query and dataset of a link are used once: a reload then
  // keeps the person's edits and the use case in effect.
  const linkedSql = params.get('sql');
  const linkedDataset = params.get('dataset');
  useEffect(() => {
    if (linkedSql !== null || linkedDataset !== null) {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          next.delete('sql');
          next.delete('dataset');
          return next;
        },
        { replace: true },
      );
    }
  }, [linkedSql, linkedDataset, setParams]);

  useDebounce(() => storage.set(DRAFT_KEY, sqlText), 500, [sqlText]);

  const useCases = useAsyncRetry(() => api.getUseCases(), [api]);
  const linkedUseCase = params.get('useCase');

  // A link from a Dataset page names the dataset. Unless it also names one of
  // the person's use cases, the page picks one whose queryable datasets (what
  // the backend says it may read) include it, rather than one that would
  // answer 403. Once the person picks a use case (or opens a history item or
  // a saved query), the check no longer chooses for them, however late its
  // answers come.
  const [datasetFromLink] = useState(() =>
    normalizeDatasetRef(params.get('dataset')),
  );
  const [useCaseFromLink] = useState(() => params.get('useCase'));
  const [pickedByPerson, setPickedByPerson] = useState(false);
  const [datasetChecked, setDatasetChecked] = useState(false);
  /** The linked dataset, when none of the person's use cases may read it. */
  const [unreadableDataset, setUnreadableDataset] = useState<string>();
  const awaitingDataset =
    !!datasetFromLink &&
    !datasetChecked &&
    !pickedByPerson &&
    !findUseCase(useCases.value ?? [], useCaseFromLink);

  useEffect(() => {
    const list = useCases.value;
    if (!list?.length) return;
    const fromLink = findUseCase(list, linkedUseCase);
    if (fromLink) {
      setUseCaseRef(fromLink.useCaseRef);
      return;
    }
    // No use case yet rather than one the dataset check may take back.
    if (awaitingDataset) return;
    setUseCaseRef(
      previous =>
        findUseCase(list, previous)?.useCaseRef ??
        findUseCase(list, storage.snapshot<string>(USE_CASE_KEY).value)
          ?.useCaseRef ??
        list[0].useCaseRef,
    );
  }, [useCases.value, linkedUseCase, storage, awaitingDataset]);

  useEffect(() => {
    const list = useCases.value;
    if (!list?.length || !datasetFromLink || !awaitingDataset) {
      return undefined;
    }
    let cancelled = false;
    Promise.all(
      list.map(u =>
        api.getQueryable(u.useCaseRef).then(
          datasets =>
            datasets.some(
              d => normalizeDatasetRef(d.datasetRef) === datasetFromLink,
            )
              ? ('reads' as const)
              : ('not' as const),
          () => 'unknown' as const,
        ),
      ),
    ).then(answers => {
      if (cancelled) return;
      const pick = preferredUseCase(
        list.filter((_, i) => answers[i] === 'reads'),
        storage.snapshot<string>(USE_CASE_KEY).value,
      );
      if (pick) {
        setUseCaseRef(pick.useCaseRef);
      } else if (!answers.includes('unknown')) {
        // Only when every use case answered: a failed call proves nothing.
        setUnreadableDataset(datasetFromLink);
      }
      setDatasetChecked(true);
    });
    return () => {
      cancelled = true;
    };
  }, [api, useCases.value, datasetFromLink, awaitingDataset, storage]);

  // The use case in effect, however it was picked, is kept in the URL so the
  // page can be linked and reloaded as is.
  useEffect(() => {
    if (!useCaseRef || linkedUseCase === nameOfUseCase(useCaseRef)) return;
    setParams(
      previous => {
        const next = new URLSearchParams(previous);
        next.set('useCase', nameOfUseCase(useCaseRef));
        return next;
      },
      { replace: true },
    );
  }, [useCaseRef, linkedUseCase, setParams]);

  const chooseUseCase = useCallback(
    (ref: string) => {
      setPickedByPerson(true);
      setUseCaseRef(ref);
      void storage.set(USE_CASE_KEY, ref);
    },
    [storage],
  );

  const titleOfUseCase = useCallback(
    (ref: string) => {
      const found = useCases.value?.find(u => u.useCaseRef === ref);
      return found ? labelOfUseCase(found) : nameOfUseCase(ref);
    },
    [useCases.value],
  );

  const queryable = useAsyncRetry(
    async () => (useCaseRef ? api.getQueryable(useCaseRef) : undefined),
    [api, useCaseRef],
  );
  const schema = useMemo(
    () => buildSqlSchema(queryable.value ?? []),
    [queryable.value],
  );

  const onFinished = useCallback(() => setHistoryVersion(v => v + 1), []);
  const runner = useQueryRunner(api, onFinished);
  const active = isActive(runner.state.phase);
  const canRun =
    runPermission.allowed && !!useCaseRef && !!sqlText.trim() && !active;

  const run = useCallback(() => {
    if (canRun && useCaseRef) void runner.run(sqlText, useCaseRef);
  }, [canRun, runner, sqlText, useCaseRef]);

  /** Picks the use case stored with a run or a saved query, if still the person's. */
  const chooseStoredUseCase = useCallback(
    (ref: string) => {
      const stored = findUseCase(useCases.value ?? [], ref);
      if (stored) chooseUseCase(stored.useCaseRef);
    },
    [useCases.value, chooseUseCase],
  );

  const open = useCallback(
    (item: QueryRun | SavedQuery, saved?: SavedQuery) => {
      setSqlText(item.sql);
      setOpenedSaved(saved);
      chooseStoredUseCase(item.useCaseRef);
      editorRef.current?.focus();
    },
    [chooseStoredUseCase],
  );

  const rerun = useCallback(
    (again: QueryRun) => {
      chooseStoredUseCase(again.useCaseRef);
      void runner.run(again.sql, again.useCaseRef);
    },
    [chooseStoredUseCase, runner],
  );

  if ((useCases.loading && !useCases.value) || runPermission.loading) {
    return <Progress />;
  }
  // A guest belongs to no team, so has no use case to run queries as.
  if (
    runPermission.guest &&
    (useCases.error ? isForbidden(useCases.error) : !useCases.value?.length)
  ) {
    return (
      <EmptyState
        missing="data"
        title="Sign in to run queries"
        description={`Queries run as a use case of your team and read what it was granted. ${signInToText(
          'run queries',
        )}.`}
      />
    );
  }
  if (useCases.error) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={useCases.retry}>
            Retry
          </Button>
        }
      >
        {queryErrorMessage(useCases.error)}
      </Alert>
    );
  }
  if (!useCases.value?.length && runPermission.deniedReason) {
    return (
      <EmptyState
        missing="data"
        title="You may not run queries"
        description={`${runPermission.deniedReason}.`}
      />
    );
  }
  if (!useCases.value?.length) {
    return (
      <EmptyState
        missing="data"
        title="You belong to no use case"
        description="Queries run as a use case — a System with the clouddatahub.io/use-case-hub annotation owned by your team — and read what it was granted. Ask to join the team of a use case, or register one for your team."
      />
    );
  }

  const selectedUseCaseLabel = useCaseRef ? titleOfUseCase(useCaseRef) : '';

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4} lg={3}>
        <Paper className={classes.side} variant="outlined">
          <Tabs
            className={classes.tabs}
            value={SIDE_TABS.indexOf(tab)}
            onChange={(_event, index: number) => setTab(SIDE_TABS[index])}
            indicatorColor="primary"
            textColor="primary"
            variant="fullWidth"
            aria-label="Query side panels"
          >
            <Tab
              className={classes.tab}
              id={`${id}-tab-tables`}
              aria-controls={`${id}-panel`}
              label="Tables"
            />
            <Tab
              className={classes.tab}
              id={`${id}-tab-history`}
              aria-controls={`${id}-panel`}
              label="History"
            />
            <Tab
              className={classes.tab}
              id={`${id}-tab-saved`}
              aria-controls={`${id}-panel`}
              label="Saved"
            />
          </Tabs>
          <Box
            className={classes.panel}
            role="tabpanel"
            id={`${id}-panel`}
            aria-labelledby={`${id}-tab-${tab}`}
          >
            {tab === 'tables' && (
              <SchemaBrowser
                datasets={queryable.value}
                loading={queryable.loading || !useCaseRef}
                error={
                  queryable.error
                    ? queryErrorMessage(queryable.error)
                    : undefined
                }
                onRetry={queryable.retry}
                onInsert={text => editorRef.current?.insert(text)}
                catalogLink={catalogLink}
              />
            )}
            {tab === 'history' && (
              <HistoryPanel
                version={historyVersion}
                onOpen={item => open(item)}
                titleOfUseCase={titleOfUseCase}
              />
            )}
            {tab === 'saved' && (
              <SavedQueriesPanel
                version={savedVersion}
                userRef={user?.userEntityRef}
                onOpen={saved => open(saved, saved)}
                titleOfUseCase={titleOfUseCase}
              />
            )}
          </Box>
        </Paper>
      </Grid>

      <Grid item xs={12} md={8} lg={9}>
        <div className={classes.toolbar}>
          <UseCasePicker
            useCases={useCases.value}
            value={useCaseRef}
            onChange={chooseUseCase}
            disabled={active}
          />
          <div className={classes.buttons}>
            {runPermission.deniedReason ? (
              <ActionTooltip reason={runPermission.deniedReason}>
                <Button
                  variant="contained"
                  color="primary"
                  startIcon={<PlayArrowIcon />}
                  disabled
                >
                  Run
                </Button>
              </ActionTooltip>
            ) : (
              <Tooltip title={`Run (${RUN_SHORTCUT})`}>
                <span>
                  <Button
                    variant="contained"
                    color="primary"
                    startIcon={<PlayArrowIcon />}
                    onClick={run}
                    disabled={!canRun}
                    aria-keyshortcuts="Control+Enter Meta+Enter"
                  >
                    Run
                  </Button>
                </span>
              </Tooltip>
            )}
            <Button
              variant="outlined"
              startIcon={<StopIcon />}
              onClick={runner.cancel}
              disabled={!active || runner.state.cancelling}
            >
              {runner.state.cancelling ? 'Cancelling…' : 'Cancel'}
            </Button>
            {/* Saving queries one may not run would only collect dead ends. */}
            <ActionTooltip reason={runPermission.deniedReason}>
              <Button
                variant="outlined"
                startIcon={<SaveIcon />}
                onClick={() => setSaving(true)}
                disabled={
                  !runPermission.allowed || !useCaseRef || !sqlText.trim()
                }
              >
                Save
              </Button>
            </ActionTooltip>
          </div>
        </div>

        {runPermission.deniedReason && (
          <Alert className={classes.notice} severity="info">
            {runPermission.deniedReason}. You can still browse the tables, the
            history and the saved queries.
          </Alert>
        )}

        {unreadableDataset && (
          <Alert
            className={classes.notice}
            severity="info"
            onClose={() => setUnreadableDataset(undefined)}
          >
            <AlertTitle>
              None of your use cases may read this dataset
            </AlertTitle>
            Queries read only what their use case holds a live grant on. Request
            access on the dataset's page:{' '}
            <DatasetLink entityRef={unreadableDataset} />
          </Alert>
        )}

        <SqlEditor
          ref={editorRef}
          value={sqlText}
          onChange={setSqlText}
          onRun={run}
          schema={schema}
        />

        <Box mt={2}>
          <QueryResults state={runner.state} onRerun={rerun} />
        </Box>

        {saving && useCaseRef && (
          <SaveQueryDialog
            sql={sqlText}
            useCaseRef={useCaseRef}
            titleOfUseCase={selectedUseCaseLabel}
            existing={
              openedSaved &&
              openedSaved.ownerRef === user?.userEntityRef &&
              openedSaved.useCaseRef === useCaseRef
                ? openedSaved
                : undefined
            }
            onSaved={saved => {
              setSaving(false);
              setOpenedSaved(saved);
              setSavedVersion(v => v + 1);
              setTab('saved');
            }}
            onClose={() => setSaving(false)}
          />
        )}
      </Grid>
    </Grid>
  );
}

/**
 * The "Query" page with its own header, for legacy apps (the new frontend
 * system's page layout supplies the header itself).
 *
 * @public
 */
export function QueryPage() {
  return (
    <Page themeId="tool">
      <Header title="Query" subtitle="Cloud Data Hub" />
      <Content>
        <QueryPageContent />
      </Content>
    </Page>
  );
}
