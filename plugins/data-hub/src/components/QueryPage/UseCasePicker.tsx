import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useId } from 'react';
import type { QueryUseCase } from '../../api/DataHubQueryApi';

/** `system:default/us-marketing-360` → `us-marketing-360`. */
export function nameOfUseCase(ref: string): string {
  return ref.replace(/^system:(default\/)?/, '');
}

/** The use case's title, else its name. */
export function labelOfUseCase(useCase: QueryUseCase): string {
  return useCase.title ?? nameOfUseCase(useCase.useCaseRef);
}

/**
 * Finds a use case by full ref, by `system:name` or by bare name, the forms
 * a `?useCase=` link may carry.
 */
export function findUseCase(
  useCases: QueryUseCase[],
  wanted: string | null | undefined,
): QueryUseCase | undefined {
  if (!wanted) return undefined;
  const name = nameOfUseCase(wanted.trim()).toLocaleLowerCase('en-US');
  return useCases.find(
    u => nameOfUseCase(u.useCaseRef).toLocaleLowerCase('en-US') === name,
  );
}

export interface UseCasePickerProps {
  useCases: QueryUseCase[];
  value?: string;
  onChange(useCaseRef: string): void;
  disabled?: boolean;
}

/** Picks the use case queries run as: it decides which data they may read. */
export function UseCasePicker(props: UseCasePickerProps) {
  const { useCases, value, onChange, disabled } = props;
  const id = useId();
  return (
    <TextField
      id={`${id}-use-case`}
      select
      label="Use case"
      variant="outlined"
      size="small"
      value={value ?? ''}
      onChange={event => onChange(event.target.value)}
      disabled={disabled}
      style={{ minWidth: 260 }}
      helperText="Queries run with this use case's grants"
      SelectProps={{ MenuProps: { getContentAnchorEl: null } }}
    >
      {useCases.map(useCase => (
        <MenuItem key={useCase.useCaseRef} value={useCase.useCaseRef}>
          {labelOfUseCase(useCase)} (hub {useCase.hub})
        </MenuItem>
      ))}
    </TextField>
  );
}
