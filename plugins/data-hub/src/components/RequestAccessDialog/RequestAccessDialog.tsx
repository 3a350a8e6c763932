import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AccessGrant,
  AccessRequest,
  DatasetEntityV1alpha1,
  RequestableUseCase,
} from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useId, useMemo, useState } from 'react';
import {
  AccessSettings,
  accessErrorMessage,
  dataHubAccessApiRef,
} from '../../api';
import { addDays, formatDate } from '../../utils/dates';
import { classificationLabel } from '../ClassificationChip';
import { ColumnPicker } from './ColumnPicker';
import {
  ColumnSelection,
  defaultSelection,
  pickerTables,
  selectionSummary,
  toRequestTables,
} from './columnSelection';
import { UseCaseOption, toUseCaseOptions } from './useCaseOptions';

/** Days a request asks for unless the person changes it. */
const DEFAULT_DURATION_DAYS = 30;
/** The backend's minimum; it says so too, but the form should not let it get that far. */
const MIN_JUSTIFICATION_LENGTH = 10;

const useStyles = makeStyles(theme => ({
  fields: {
    display: 'grid',
    gap: theme.spacing(2),
    gridTemplateColumns: '1fr',
  },
  row: {
    display: 'grid',
    gap: theme.spacing(2),
    gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)',
    [theme.breakpoints.down('xs')]: { gridTemplateColumns: '1fr' },
  },
  reason: {
    whiteSpace: 'normal',
  },
}));

export interface RequestAccessDialogProps {
  open: boolean;
  dataset: DatasetEntityV1alpha1;
  /** The signed-in user's use cases (`GET /access/use-cases`). */
  useCases: RequestableUseCase[];
  /** Live grants of the dataset: a use case holding one asks for an extension. */
  liveGrants: AccessGrant[];
  /** Pending or approved requests of the dataset: their use cases cannot ask again yet. */
  openRequests: AccessRequest[];
  settings: AccessSettings;
  /** Preselect this use case, e.g. from a "Request extension" button. */
  initialUseCaseRef?: string;
  onClose: () => void;
  onSubmitted: (request: AccessRequest) => void;
}

function initialOption(
  options: UseCaseOption[],
  initialUseCaseRef?: string,
): UseCaseOption | undefined {
  const selectable = options.filter(o => !o.disabledReason);
  if (initialUseCaseRef) {
    return selectable.find(o => o.useCase.useCaseRef === initialUseCaseRef);
  }
  // One choice only: make it, rather than asking.
  return selectable.length === 1 ? selectable[0] : undefined;
}

/**
 * The request dialog: for which use case, which columns of which tables,
 * for how long and why. Submits an explicit list of tables and columns, so
 * the request is exactly what was ticked; the backend's message is shown
 * when it refuses (and says what to fix).
 */
export function RequestAccessDialog(props: RequestAccessDialogProps) {
  const {
    open,
    dataset,
    useCases,
    liveGrants,
    openRequests,
    settings,
    initialUseCaseRef,
    onClose,
    onSubmitted,
  } = props;
  const classes = useStyles();
  const id = useId();
  const api = useApi(dataHubAccessApiRef);

  const tables = useMemo(
    () => pickerTables(dataset.spec.tables),
    [dataset.spec.tables],
  );
  const options = useMemo(
    () => toUseCaseOptions(useCases, liveGrants, openRequests),
    [useCases, liveGrants, openRequests],
  );
  const first = useMemo(
    () => initialOption(options, initialUseCaseRef),
    // Only the first render chooses; later changes of the lists do not re-pick.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const maxDays = settings.maxDurationDays[dataset.spec.classification] ?? 1;
  const [useCaseRef, setUseCaseRef] = useState(first?.useCase.useCaseRef ?? '');
  const [selection, setSelection] = useState<ColumnSelection>(() =>
    defaultSelection(tables, first?.liveGrant?.tables),
  );
  const [durationText, setDurationText] = useState(
    String(Math.min(DEFAULT_DURATION_DAYS, maxDays)),
  );
  const [justification, setJustification] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string>();

  const option = options.find(o => o.useCase.useCaseRef === useCaseRef);
  const liveGrant = option?.liveGrant;
  const selectable = options.filter(o => !o.disabledReason);

  const chooseUseCase = (ref: string) => {
    const next = options.find(o => o.useCase.useCaseRef === ref);
    // An extension starts from what is granted; leaving one starts afresh.
    if (next?.liveGrant || liveGrant) {
      setSelection(defaultSelection(tables, next?.liveGrant?.tables));
    }
    setUseCaseRef(ref);
  };

  const duration = Number(durationText);
  const durationValid =
    /^\d+$/.test(durationText.trim()) && duration >= 1 && duration <= maxDays;
  const summary = selectionSummary(tables, selection);
  const justificationValid =
    justification.trim().length >= MIN_JUSTIFICATION_LENGTH;
  const errors = {
    useCase: !useCaseRef ? 'Choose the use case that needs the data.' : '',
    columns: summary.selected === 0 ? 'Choose at least one column.' : '',
    duration: durationValid
      ? ''
      : `Enter a whole number of days from 1 to ${maxDays}.`,
    justification: justificationValid
      ? ''
      : `Say in at least ${MIN_JUSTIFICATION_LENGTH} characters why the use case needs the data.`,
  };
  const valid = !Object.values(errors).some(Boolean);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid || busy) return;
    setBusy(true);
    setServerError(undefined);
    try {
      const request = await api.createRequest({
        datasetRef: stringifyEntityRef(dataset),
        useCaseRef,
        tables: toRequestTables(tables, selection),
        justification: justification.trim(),
        durationDays: duration,
        extendsGrantId: liveGrant?.id,
      });
      setBusy(false);
      onSubmitted(request);
    } catch (e) {
      setServerError(accessErrorMessage(e));
      setBusy(false);
    }
  };

  const title = dataset.metadata.title ?? dataset.metadata.name;
  const classification = classificationLabel(dataset.spec.classification);

  let body;
  if (useCases.length === 0) {
    body = (
      <Alert severity="info">
        You are not a member of any use-case team. Access is granted to use
        cases — Systems with the annotation{' '}
        <code>clouddatahub.io/use-case-hub</code> — and their owner group's
        members request it. Ask a use case's team to add you, then come back.
      </Alert>
    );
  } else {
    body = (
      <div className={classes.fields}>
        {selectable.length === 0 && (
          <Alert severity="warning">
            None of your use cases can request this dataset now; the list says
            why.
          </Alert>
        )}
        <div className={classes.row}>
          <TextField
            id={`${id}-use-case`}
            select
            label="Use case"
            value={useCaseRef}
            onChange={event => chooseUseCase(event.target.value)}
            required
            variant="outlined"
            error={submitted && !!errors.useCase}
            helperText={
              (submitted && errors.useCase) ||
              'Access is granted to a use case; its team queries with it.'
            }
            disabled={busy}
          >
            {options.map(o => (
              <MenuItem
                key={o.useCase.useCaseRef}
                value={o.useCase.useCaseRef}
                disabled={!!o.disabledReason}
              >
                <ListItemText
                  primary={`${o.useCase.title ?? o.useCase.useCaseRef} (hub ${
                    o.useCase.hub
                  })`}
                  secondary={
                    o.disabledReason ??
                    (o.liveGrant
                      ? `Holds access until ${formatDate(
                          o.liveGrant.expiresAt,
                        )}: requests an extension`
                      : undefined)
                  }
                  secondaryTypographyProps={{ className: classes.reason }}
                />
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id={`${id}-duration`}
            label="Duration (days)"
            type="number"
            value={durationText}
            onChange={event => setDurationText(event.target.value)}
            required
            variant="outlined"
            inputProps={{ min: 1, max: maxDays, step: 1 }}
            error={submitted && !durationValid}
            helperText={
              (submitted && errors.duration) ||
              `At most ${maxDays} days for ${classification.toLocaleLowerCase(
                'en-US',
              )} datasets.${
                durationValid
                  ? ` Access would end on ${formatDate(
                      addDays(new Date(Date.now()), duration).toISOString(),
                    )}.`
                  : ''
              }`
            }
            disabled={busy}
          />
        </div>
        {liveGrant && (
          <Alert severity="info">
            {option?.useCase.title ?? useCaseRef} holds access until{' '}
            {formatDate(liveGrant.expiresAt)}. This request extends it: once
            approved, the columns chosen here replace the granted ones and the
            new duration counts from the approval.
          </Alert>
        )}
        <ColumnPicker
          tables={tables}
          selection={selection}
          onSelectionChange={setSelection}
          disabled={busy}
          error={submitted ? errors.columns || undefined : undefined}
        />
        <TextField
          id={`${id}-justification`}
          label="Justification"
          value={justification}
          onChange={event => setJustification(event.target.value)}
          required
          multiline
          minRows={3}
          variant="outlined"
          error={submitted && !justificationValid}
          helperText={
            (submitted && errors.justification) ||
            `What the use case needs the data for; the owners read it before deciding (${
              justification.trim().length
            } characters, at least ${MIN_JUSTIFICATION_LENGTH}).`
          }
          inputProps={{ maxLength: 4000 }}
          disabled={busy}
        />
        {serverError && (
          <Alert severity="error" role="alert">
            {serverError}
          </Alert>
        )}
      </div>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="md"
      scroll="paper"
    >
      <form
        onSubmit={submit}
        noValidate
        style={{ display: 'contents' }}
        aria-labelledby={`${id}-title`}
      >
        <DialogTitle id={`${id}-title`}>
          {liveGrant ? 'Request an extension' : 'Request access'} to {title}
        </DialogTitle>
        {busy && <LinearProgress aria-label="Submitting the request" />}
        <DialogContent dividers>
          <Box mb={2}>
            <Typography variant="body2" color="textSecondary">
              The owners of this {classification.toLocaleLowerCase('en-US')}{' '}
              dataset decide; you hear from them through notifications. PII
              columns are only included when you tick them.
            </Typography>
          </Box>
          {body}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          {useCases.length > 0 && (
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={busy || selectable.length === 0}
              startIcon={busy ? <CircularProgress size={16} /> : undefined}
            >
              {busy ? 'Submitting…' : 'Submit request'}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
