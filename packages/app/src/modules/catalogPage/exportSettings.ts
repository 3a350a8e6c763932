import type { CatalogExportSettings } from '@backstage/plugin-catalog/alpha';

/** What one `catalog-export-config` extension adds to the export. */
export type CatalogExportCustomization = Pick<
  CatalogExportSettings,
  'exporters' | 'columns' | 'onSuccess' | 'onError'
>;

/**
 * The export settings of the catalog page from its config and its
 * `exportConfig` inputs, merged as the catalog plugin's own `page:catalog`
 * does (`@backstage/plugin-catalog` 2.1): exporters add up, the first columns
 * and callbacks win, and without `enabled` there is no export.
 */
export function mergeExportSettings(
  config:
    | Pick<CatalogExportSettings, 'enabled' | 'disableBuiltinExporters'>
    | undefined,
  customizations: Array<CatalogExportCustomization | undefined>,
): CatalogExportSettings | undefined {
  const merged: CatalogExportSettings = { ...config };
  for (const data of customizations) {
    if (!data) continue;
    if (data.exporters) {
      merged.exporters = { ...merged.exporters, ...data.exporters };
    }
    merged.columns ??= data.columns;
    merged.onSuccess ??= data.onSuccess;
    merged.onError ??= data.onError;
  }
  return merged.enabled ? merged : undefined;
}
