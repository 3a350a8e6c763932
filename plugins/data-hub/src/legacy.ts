import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * The Cloud Data Hub plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const dataHubLegacyPlugin = createPlugin({
  id: 'data-hub',
});

/**
 * The "Dataset" overview card for legacy entity pages; place it inside an
 * `EntitySwitch.Case` for `isKind('dataset')`.
 *
 * @public
 */
export const EntityDatasetOverviewCard = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetOverviewCard',
    component: {
      lazy: () =>
        import('./components/DatasetOverviewCard').then(
          m => m.DatasetOverviewCard,
        ),
    },
  }),
);

/**
 * The "Schema" card for legacy entity pages; best given the full width
 * (`<Grid item xs={12}>`).
 *
 * @public
 */
export const EntityDatasetSchemaCard = dataHubLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityDatasetSchemaCard',
    component: {
      lazy: () =>
        import('./components/DatasetSchemaCard').then(m => m.DatasetSchemaCard),
    },
  }),
);
