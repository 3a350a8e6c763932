import {
  coreExtensionData,
  createExtensionDataRef,
} from '@backstage/frontend-plugin-api';
import catalogPlugin, {
  CatalogIndexPage,
} from '@backstage/plugin-catalog/alpha';
import { Fragment } from 'react';
import { datasetHealthColumns } from './datasetHealthColumns';
import { mergeExportSettings } from './exportSettings';

/**
 * The data of the catalog's `catalog-export-config` extensions. The catalog
 * plugin does not export its ref; inputs are read by the data's id, and the
 * value's type comes from the `exportConfig` input of `page:catalog`.
 */
const catalogExportConfigDataRef = createExtensionDataRef<unknown>().with({
  id: 'catalog.export-customization',
});

/**
 * The catalog's `page:catalog`, overridden to give the catalog table the
 * Dataset "Health" column: the catalog plugin's page has no columns config.
 *
 * Only the page's loader is replaced. Path, title, icon and the catalog's
 * root route ref stay the plugin's own, and the `filters` and `exportConfig`
 * inputs and the `pagination` and `exportSettings` config keep working, so
 * filters of other plugins (the data hub's Hub and Layer) still attach here.
 */
export const catalogIndexPage = catalogPlugin
  .getExtension('page:catalog')
  .override({
    factory(originalFactory, { inputs, config }) {
      return originalFactory({
        params: {
          loader: async () => (
            <CatalogIndexPage
              columns={datasetHealthColumns}
              filters={
                <>
                  {inputs.filters.map(filter => (
                    <Fragment key={filter.node.spec.id}>
                      {filter.get(coreExtensionData.reactElement)}
                    </Fragment>
                  ))}
                </>
              }
              pagination={config.pagination}
              exportSettings={mergeExportSettings(
                config.exportSettings,
                inputs.exportConfig.map(input =>
                  input.get(catalogExportConfigDataRef),
                ),
              )}
            />
          ),
        },
      });
    },
  });
