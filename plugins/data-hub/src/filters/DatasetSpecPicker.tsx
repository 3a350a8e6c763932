import {
  CatalogAutocomplete,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import { DATASET_KIND } from '@cloud-data-hub/data-hub-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import CheckBoxIcon from '@material-ui/icons/CheckBox';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DatasetEntityFilters } from './types';

/** The names of the Data Hub's catalog list filters (and URL keys). */
export type DatasetFilterName = 'hub' | 'layer';

/** One choice of a {@link DatasetSpecPicker}. */
export interface DatasetSpecPickerOption {
  value: string;
  label: string;
}

/** Props of {@link DatasetSpecPicker}. */
export interface DatasetSpecPickerProps<N extends DatasetFilterName> {
  /** The filter key in the entity list and the URL (`filters[<name>]=`). */
  name: N;
  /** The visible label. */
  label: string;
  options: DatasetSpecPickerOption[];
  /** The filter class the picker creates from the selected values. */
  Filter: new (values: string[]) => NonNullable<DatasetEntityFilters[N]>;
}

const DATASET_KIND_LOWER = DATASET_KIND.toLocaleLowerCase('en-US');

function sameValues(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * A multi-select catalog list filter on a Dataset spec field. Rendered only
 * while the kind filter is Dataset; clears its filter for every other kind.
 * The selection is restored from `filters[<name>]` in the URL.
 */
export function DatasetSpecPicker<N extends DatasetFilterName>(
  props: DatasetSpecPickerProps<N>,
) {
  const { name, label, options, Filter } = props;
  const { filters, updateFilters, queryParameters } =
    useEntityList<DatasetEntityFilters>();

  const kind = filters.kind?.value?.toLocaleLowerCase('en-US');
  const isDatasetKind = kind === DATASET_KIND_LOWER;

  const queryParameter = queryParameters[name] as string | string[] | undefined;
  const queryValues = useMemo(
    () =>
      [queryParameter]
        .flat()
        .filter((v): v is string => typeof v === 'string' && v.length > 0),
    [queryParameter],
  );

  const [selected, setSelected] = useState<string[]>(() =>
    queryValues.length ? queryValues : filters[name]?.values ?? [],
  );

  // Follow the URL, e.g. on back/forward navigation.
  useEffect(() => {
    if (queryValues.length) {
      setSelected(prev => (sameValues(prev, queryValues) ? prev : queryValues));
    }
  }, [queryValues]);

  // Forget the selection once another kind has been chosen. While the kind
  // filter is still unset (first render) the selection is kept, so that
  // `filters[kind]=dataset&filters[hub]=us` survives the initial load.
  useEffect(() => {
    if (kind !== undefined && !isDatasetKind) {
      setSelected(prev => (prev.length ? [] : prev));
    }
  }, [kind, isDatasetKind]);

  useEffect(() => {
    const filter =
      isDatasetKind && selected.length ? new Filter(selected) : undefined;
    updateFilters({ [name]: filter } as Partial<DatasetEntityFilters>);
  }, [name, isDatasetKind, selected, Filter, updateFilters]);

  const labels = useMemo(
    () => new Map(options.map(o => [o.value, o.label])),
    [options],
  );
  // Values from the URL that the config does not know stay selectable.
  const optionValues = useMemo(
    () => [
      ...options.map(o => o.value),
      ...selected.filter(v => !labels.has(v)),
    ],
    [options, selected, labels],
  );
  const getOptionLabel = useCallback(
    (value: string) => labels.get(value) ?? value,
    [labels],
  );

  const textFieldProps = useMemo(
    () => ({ inputProps: { 'aria-label': label } }),
    [label],
  );

  if (!isDatasetKind) {
    return null;
  }

  return (
    <Box pb={1} pt={1}>
      <CatalogAutocomplete<string, true>
        multiple
        disableCloseOnSelect
        label={label}
        name={`${name}-picker`}
        options={optionValues}
        value={selected}
        getOptionLabel={getOptionLabel}
        // The <label> also wraps the chips; name the input by the label alone.
        TextFieldProps={textFieldProps}
        onChange={(_event, values) => setSelected(values)}
        renderOption={(option, { selected: isSelected }) => (
          <FormControlLabel
            control={
              <Checkbox
                icon={<CheckBoxOutlineBlankIcon fontSize="small" />}
                checkedIcon={<CheckBoxIcon fontSize="small" />}
                checked={isSelected}
              />
            }
            label={getOptionLabel(option)}
            onClick={event => event.preventDefault()}
          />
        )}
      />
    </Box>
  );
}
