import type { DatasetClassification } from '@cloud-data-hub/data-hub-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';

const LABELS: Record<DatasetClassification, string> = {
  public: 'Public',
  internal: 'Internal',
  confidential: 'Confidential',
  'strictly-confidential': 'Strictly confidential',
};

const useStyles = makeStyles((theme: Theme) => ({
  public: {
    borderColor: theme.palette.success.main,
    color: theme.palette.success.dark,
  },
  internal: {
    borderColor: theme.palette.info.main,
    color: theme.palette.info.dark,
  },
  confidential: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.warning.dark,
  },
  strictlyConfidential: {
    borderColor: theme.palette.error.main,
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

/** The human-readable label of a classification, e.g. `Strictly confidential`. */
export function classificationLabel(classification: string): string {
  return LABELS[classification as DatasetClassification] ?? classification;
}

/** A chip coloured by sensitivity, from public (green) to strictly confidential (red). */
export function ClassificationChip(props: { classification: string }) {
  const { classification } = props;
  const classes = useStyles();
  const className = {
    public: classes.public,
    internal: classes.internal,
    confidential: classes.confidential,
    'strictly-confidential': classes.strictlyConfidential,
  }[classification as DatasetClassification];
  return (
    <Chip
      size="small"
      variant="outlined"
      className={className}
      label={classificationLabel(classification)}
      data-classification={classification}
    />
  );
}
