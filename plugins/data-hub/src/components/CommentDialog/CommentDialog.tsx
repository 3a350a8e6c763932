import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, ReactNode, useId, useState } from 'react';
import { accessErrorMessage } from '../../api';

export interface CommentDialogProps {
  open: boolean;
  title: string;
  /** What happens, e.g. which request or grant it is about. */
  description?: ReactNode;
  /** The confirm button's text, e.g. "Approve". */
  confirmLabel: string;
  /** Red confirm button for actions that take something away. */
  destructive?: boolean;
  /** Whether to ask for a comment at all (withdrawing needs none). */
  withComment?: boolean;
  commentRequired?: boolean;
  commentLabel?: string;
  commentHelperText?: string;
  /** Does the action; a rejection shows its message in the dialog. */
  onConfirm: (comment: string) => Promise<void>;
  onClose: () => void;
}

/**
 * Asks for confirmation of a decision (approve, reject, revoke, withdraw) and
 * an optional or required comment. Stays open with the server's message when
 * the action fails, so the person can fix the comment or cancel.
 */
export function CommentDialog(props: CommentDialogProps) {
  const {
    open,
    title,
    description,
    confirmLabel,
    destructive,
    withComment = true,
    commentRequired,
    commentLabel = 'Comment',
    commentHelperText,
    onConfirm,
    onClose,
  } = props;
  const id = useId();
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const missing = withComment && commentRequired && !comment.trim();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(comment);
    } catch (e) {
      setError(accessErrorMessage(e));
      setBusy(false);
      return;
    }
    setBusy(false);
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
        <DialogContent>
          {description && <DialogContentText>{description}</DialogContentText>}
          {withComment && (
            <TextField
              id={`${id}-comment`}
              label={commentLabel}
              value={comment}
              onChange={event => setComment(event.target.value)}
              onBlur={() => setTouched(true)}
              required={commentRequired}
              error={touched && missing}
              helperText={
                touched && missing
                  ? 'A comment is required: tell the requester why.'
                  : commentHelperText
              }
              multiline
              minRows={3}
              fullWidth
              variant="outlined"
              disabled={busy}
            />
          )}
          {error && (
            <Alert severity="error" role="alert" style={{ marginTop: 16 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={destructive ? 'secondary' : 'primary'}
            disabled={busy}
            startIcon={busy ? <CircularProgress size={16} /> : undefined}
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
