import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
} from '@backstage/core-components';
import { storageApiRef, useApi } from '@backstage/core-plugin-api';
import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import type { QueryRun, SavedQuery } from '@cloud-data-hub/data-hub-common';
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
import { Alert } from '@material-ui/lab';
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
import { useCatalogDatasetsLink } from '../../hooks/useQueryPageLink';
import { useSignedInUser } from '../../hooks/useSignedInUser';
import { HistoryPanel } from './HistoryPanel';
import { QueryResults } from './QueryResults';
import { SavedQueriesPanel } from './SavedQueriesPanel';
import { SaveQueryDialog } from './SaveQueryDialog';
import { SchemaBrowser } from './SchemaBrowser';
import { SqlEditor, type SqlEditorHandle } from './SqlEditor';
import { buildSqlSchema, mentionsDatabase } from './sqlSchema';
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
 * `?useCase=` picks the use case (else one whose grants cover the database a
 * linked `?sql=` names, else the last one picked); `?sql=` fills the editor
 * (else the last draft).
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

  // The starter query of a link is used once: a reload then keeps the person's edits.
  const linkedSql = params.get('sql');
  useEffect(() => {
    if (linkedSql !== null) {
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          next.delete('sql');
          return next;
        },
        { replace: true },
      );
    }
  }, [linkedSql, setParams]);

  useDebounce(() => storage.set(DRAFT_KEY, sqlText), 500, [sqlText]);

  const useCases = useAsyncRetry(() => api.getUseCases(), [api]);
  const linkedUseCase = params.get('useCase');
  useEffect(() => {
    const list = useCases.value;
    if (!list?.length) return;
    const fromLink = findUseCase(list, linkedUseCase);
    if (fromLink) {
      setUseCaseRef(fromLink.useCaseRef);
      return;
    }
    setUseCaseRef(
      previous =>
        findUseCase(list, previous)?.useCaseRef ??
        findUseCase(list, storage.snapshot<string>(USE_CASE_KEY).value)
          ?.useCaseRef ??
        list[0].useCaseRef,
    );
  }, [useCases.value, linkedUseCase, storage]);

  // A starter query from a link (a Dataset page's "Query" button) names a
  // database but no use case: pick one of the person's use cases that may read
  // it, the last one chosen first, rather than one that would answer 403.
  const [sqlFromLink] = useState(() => params.get('sql'));
  const [useCaseFromLink] = useState(() => params.get('useCase'));
  // Once the person picks a use case (or opens a history item), the check
  // below no longer chooses for them, however late its answers come.
  const [pickedByPerson, setPickedByPerson] = useState(false);
  useEffect(() => {
    const list = useCases.value;
    if (!list?.length || !sqlFromLink || useCaseFromLink || pickedByPerson) {
      return undefined;
    }
    let cancelled = false;
    Promise.all(
      list.map(u =>
        api.getQueryable(u.useCaseRef).then(
          datasets =>
            datasets.some(d => mentionsDatabase(sqlFromLink, d.glueDatabase)),
          () => false,
        ),
      ),
    ).then(reads => {
      if (cancelled) return;
      setUseCaseRef(previous => {
        const current = list.findIndex(u => u.useCaseRef === previous);
        if (current >= 0 && reads[current]) return previous;
        const able = reads.indexOf(true);
        return able >= 0 ? list[able].useCaseRef : previous;
      });
    });
    return () => {
      cancelled = true;
    };
  }, [api, useCases.value, sqlFromLink, useCaseFromLink, pickedByPerson]);

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
  const canRun = !!useCaseRef && !!sqlText.trim() && !active;

  const run = useCallback(() => {
    if (canRun && useCaseRef) void runner.run(sqlText, useCaseRef);
  }, [canRun, runner, sqlText, useCaseRef]);

  const open = useCallback(
    (item: QueryRun | SavedQuery, saved?: SavedQuery) => {
      setSqlText(item.sql);
      setOpenedSaved(saved);
      if (useCases.value?.some(u => u.useCaseRef === item.useCaseRef)) {
        chooseUseCase(item.useCaseRef);
      }
      editorRef.current?.focus();
    },
    [useCases.value, chooseUseCase],
  );

  if (useCases.loading && !useCases.value) {
    return <Progress />;
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
            <Button
              variant="outlined"
              startIcon={<StopIcon />}
              onClick={runner.cancel}
              disabled={!active || runner.state.cancelling}
            >
              {runner.state.cancelling ? 'Cancelling…' : 'Cancel'}
            </Button>
            <Button
              variant="outlined"
              startIcon={<SaveIcon />}
              onClick={() => setSaving(true)}
              disabled={!useCaseRef || !sqlText.trim()}
            >
              Save
            </Button>
          </div>
        </div>

        <SqlEditor
          ref={editorRef}
          value={sqlText}
          onChange={setSqlText}
          onRun={run}
          schema={schema}
        />

        <Box mt={2}>
          <QueryResults state={runner.state} />
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
