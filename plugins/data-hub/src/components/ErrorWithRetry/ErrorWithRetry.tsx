import { ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import type { ReactNode } from 'react';

/**
 * A failed load and a "Try again" button: the error panel, or `children`
 * when the caller has a kinder message for an expected error (e.g. a 404 for
 * a dataset the backend has not read yet). `{cond && <Message />}` works: a
 * false `children` falls back to the panel.
 */
export function ErrorWithRetry(props: {
  error: Error;
  onRetry: () => void;
  children?: ReactNode;
}) {
  const { error, onRetry, children } = props;
  return (
    <>
      {children || <ResponseErrorPanel error={error} />}
      <Box mt={1}>
        <Button variant="outlined" onClick={onRetry}>
          Try again
        </Button>
      </Box>
    </>
  );
}
