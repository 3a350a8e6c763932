import { useApi } from '@backstage/core-plugin-api';
import type { SavedQuery } from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import { Alert } from '@material-ui/lab';
import { FormEvent, useId, useRef, useState } from 'react';
import { dataHubQueryApiRef } from '../../api/DataHubQueryApi';
import { queryErrorMessage } from '../../api/DataHubQueryError';

export interface SaveQueryDialogProps {
  sql: string;
  useCaseRef: string;
  titleOfUseCase: string;
  /** The signed-in user's saved query the editor came from: offers to update it. */
  existing?: SavedQuery;
  onSaved(saved: SavedQuery): void;
  onClose(): void;
}

/**
 * Saves the editor's SQL for its use case: a name, an optional description,
 * and whether the use case's team sees it too. Opened on a saved query of
 * one's own, it updates that one or saves a copy.
 */
export function SaveQueryDialog(props: SaveQueryDialogProps) {
  const { sql, useCaseRef, titleOfUseCase, existing, onSaved, onClose } = props;
  const api = useApi(dataHubQueryApiRef);
  const id = useId();
  const [name, setName] = useState(existing?.name ?? '');
  const [description, setDescription] = useState(existing?.description ?? '');
  const [shared, setShared] = useState(existing?.shared ?? false);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const nameRef = useRef<HTMLInputElement>(null);

  const missingName = !name.trim();

  const save = async (asNew: boolean) => {
    setTouched(true);
    if (missingName) return;
    setBusy(true);
    setError(undefined);
    try {
      const fields = {
        name: name.trim(),
        // The backend keeps an empty description as absent.
        description: description.trim() || undefined,
        sql,
        shared,
      };
      const saved =
        existing && !asNew
          ? await api.updateSavedQuery(existing.id, fields)
          : await api.createSavedQuery({ ...fields, useCaseRef });
      onSaved(saved);
    } catch (e) {
      setError(queryErrorMessage(e));
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="sm"
      // The name is what the dialog is for: start there once it is open.
      TransitionProps={{ onEntered: () => nameRef.current?.focus() }}
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`${id}-title`}>
          {existing ? `Save "${existing.name}"` : 'Save query'}
        </DialogTitle>
        <DialogContent>
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <TextField
            id={`${id}-name`}
            inputRef={nameRef}
            fullWidth
            required
            margin="normal"
            label="Name"
            value={name}
            onChange={event => setName(event.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && missingName}
            helperText={touched && missingName ? 'Give the query a name' : ' '}
            inputProps={{ maxLength: 200 }}
          />
          <TextField
            id={`${id}-description`}
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            label="Description (optional)"
            value={description}
            onChange={event => setDescription(event.target.value)}
            inputProps={{ maxLength: 2000 }}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={shared}
                onChange={event => setShared(event.target.checked)}
                color="primary"
              />
            }
            label={`Share with the team of ${titleOfUseCase}`}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          {existing && (
            <Button onClick={() => save(true)} disabled={busy}>
              Save as new
            </Button>
          )}
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy}
            startIcon={busy ? <CircularProgress size={16} /> : undefined}
          >
            {existing ? 'Save changes' : 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
