import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';

/** The periods people compare: the last week, month and quarter. */
export const USAGE_PERIODS = [7, 30, 90] as const;

export type UsagePeriod = (typeof USAGE_PERIODS)[number];

/** "7 days | 30 days | 90 days", one always selected. */
export function UsagePeriodPicker(props: {
  value: UsagePeriod;
  onChange: (days: UsagePeriod) => void;
}) {
  const { value, onChange } = props;
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      // Clicking the selected period again passes null: keep it selected.
      onChange={(_event, days: UsagePeriod | null) => days && onChange(days)}
      aria-label="Period"
    >
      {USAGE_PERIODS.map(days => (
        <ToggleButton key={days} value={days} aria-label={`Last ${days} days`}>
          {days} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
