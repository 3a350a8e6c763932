import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/**
 * What a card says instead of an empty table: a sentence tells more than
 * material-table's "No records to display", and good news ("nothing is
 * failing") reads as such.
 */
export function EmptyMessage(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary" role="status">
      {props.children}
    </Typography>
  );
}
