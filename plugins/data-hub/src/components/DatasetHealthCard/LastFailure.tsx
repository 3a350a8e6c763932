import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useId, useState } from 'react';
import { WrittenAt } from './WrittenAt';

const useStyles = makeStyles(theme => ({
  message: {
    margin: theme.spacing(1, 0, 0),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
  // Stack traces are long and wide: scroll inside the narrow info card.
  stackTrace: {
    margin: theme.spacing(1, 0, 0),
    maxHeight: 320,
    overflow: 'auto',
    fontSize: theme.typography.caption.fontSize,
  },
}));

/**
 * The failed run newer than the last successful one: which job, when, its
 * error message, and its stack trace one click away (they run to pages).
 */
export function LastFailure(props: {
  failure: NonNullable<DatasetHealth['lastFailure']>;
}) {
  const { failure } = props;
  const classes = useStyles();
  const id = useId();
  const [showTrace, setShowTrace] = useState(false);
  const { error } = failure;
  return (
    <Alert severity="error" aria-labelledby={`${id}-title`}>
      <AlertTitle id={`${id}-title`}>Last run failed</AlertTitle>
      <Typography variant="body2" component="div">
        Job <code title={failure.job.namespace}>{failure.job.name}</code>,{' '}
        <WrittenAt at={failure.at} />
      </Typography>
      <Typography variant="caption" component="div">
        Run <code>{failure.runId}</code>
      </Typography>
      {error ? (
        <Typography
          variant="body2"
          component="pre"
          className={classes.message}
          aria-label="Error message"
        >
          {error.message}
        </Typography>
      ) : (
        <Typography variant="body2" className={classes.message}>
          The run reported no error message.
        </Typography>
      )}
      {error?.stackTrace && (
        <>
          <Button
            size="small"
            color="inherit"
            aria-expanded={showTrace}
            aria-controls={`${id}-trace`}
            startIcon={showTrace ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            onClick={() => setShowTrace(shown => !shown)}
          >
            {showTrace ? 'Hide stack trace' : 'Show stack trace'}
            {error.programmingLanguage ? ` (${error.programmingLanguage})` : ''}
          </Button>
          <Collapse in={showTrace} unmountOnExit>
            <pre
              id={`${id}-trace`}
              className={classes.stackTrace}
              aria-label="Stack trace"
            >
              {error.stackTrace}
            </pre>
          </Collapse>
        </>
      )}
    </Alert>
  );
}
