import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import ChevronLeft from '@material-ui/icons/ChevronLeft';
import ChevronRight from '@material-ui/icons/ChevronRight';
import { formatCount } from '../../utils/format';

/** A compact pager for the narrow side panel: `21–40 of 134` with previous / next. */
export function Pager(props: {
  offset: number;
  pageSize: number;
  totalCount: number;
  onChange(offset: number): void;
  label: string;
}) {
  const { offset, pageSize, totalCount, onChange, label } = props;
  if (totalCount <= pageSize && offset === 0) {
    return null;
  }
  const last = Math.min(offset + pageSize, totalCount);
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      component="nav"
      aria-label={label}
    >
      <Typography variant="caption" color="textSecondary">
        {formatCount(totalCount === 0 ? 0 : offset + 1)}–{formatCount(last)} of{' '}
        {formatCount(totalCount)}
      </Typography>
      <IconButton
        size="small"
        aria-label="Previous page"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - pageSize))}
      >
        <ChevronLeft />
      </IconButton>
      <IconButton
        size="small"
        aria-label="Next page"
        disabled={last >= totalCount}
        onClick={() => onChange(offset + pageSize)}
      >
        <ChevronRight />
      </IconButton>
    </Box>
  );
}
