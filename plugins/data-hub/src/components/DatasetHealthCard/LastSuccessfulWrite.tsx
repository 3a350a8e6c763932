import type { DatasetHealth } from '@cloud-data-hub/data-hub-common';
import Typography from '@material-ui/core/Typography';
import { WrittenAt } from './WrittenAt';

const SOURCE_LABELS = {
  lineage: 'a completed job run (lineage)',
  storage: 'the storage update time (Glue table, file time)',
} as const;

/** When the dataset was last written successfully, by what, and how that is known. */
export function LastSuccessfulWrite(props: {
  write: DatasetHealth['lastSuccessfulWrite'];
}) {
  const { write } = props;
  if (!write) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        None known
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" component="span" display="block">
        <WrittenAt at={write.at} />
      </Typography>
      <Typography variant="caption" color="textSecondary" display="block">
        From {SOURCE_LABELS[write.source] ?? write.source}
      </Typography>
      {write.job && (
        <Typography variant="caption" color="textSecondary" display="block">
          Job <code title={write.job.namespace}>{write.job.name}</code>
          {write.runId && (
            <>
              , run <code>{write.runId}</code>
            </>
          )}
        </Typography>
      )}
    </>
  );
}
