import {
  CatalogTable,
  type CatalogTableColumnsFunc,
  type CatalogTableRow,
} from '@backstage/plugin-catalog';
import { datasetHealthColumns } from './datasetHealthColumns';

type EntityListContext = Parameters<CatalogTableColumnsFunc>[0];
type Entity = CatalogTableRow['entity'];

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
});

/** The entity list as the catalog page has it with the kind picker on `kind`. */
function listOf(
  kind: string | undefined,
  entities: Entity[],
): EntityListContext {
  return {
    filters: kind ? { kind: { value: kind, label: kind } } : {},
    entities,
  } as unknown as EntityListContext;
}

/** Columns by their field; the Health column, which has none, by its title. */
const fieldsOf = (columns: ReturnType<CatalogTableColumnsFunc>) =>
  columns.map(column => column.field ?? column.title);

describe('datasetHealthColumns', () => {
  it.each(['dataset', 'Dataset'])(
    'inserts the Health column after the name when the kind filter is %s',
    kind => {
      const list = listOf(kind, [entity('Dataset', 'vehicle-orders')]);
      const defaults = fieldsOf(CatalogTable.defaultColumnsFunc(list));
      const columns = datasetHealthColumns(list);

      const name = defaults.indexOf('resolved.entityRef');
      expect(name).toBeGreaterThanOrEqual(0);
      expect(fieldsOf(columns)).toEqual([
        ...defaults.slice(0, name + 1),
        'Health',
        ...defaults.slice(name + 1),
      ]);
      // The rest are the catalog's defaults for Datasets: owner, system, lifecycle...
      expect(defaults).toEqual(
        expect.arrayContaining([
          'resolved.ownedByRelationsTitle',
          'entity.spec.lifecycle',
        ]),
      );
    },
  );

  it('is a fresh Health column each time, as the table keeps state on columns', () => {
    const list = listOf('dataset', []);
    const health = (columns: ReturnType<CatalogTableColumnsFunc>) =>
      columns.find(column => column.title === 'Health');
    expect(health(datasetHealthColumns(list))).toBeDefined();
    expect(health(datasetHealthColumns(list))).not.toBe(
      health(datasetHealthColumns(list)),
    );
  });

  it.each([
    ['component', [entity('Component', 'sales-dashboard')]],
    ['user', [entity('User', 'alice-analyst')]],
    [undefined, [entity('Component', 'sales-dashboard')]],
  ])(
    'leaves the columns of kind %s as the catalog has them',
    (kind, entities) => {
      const list = listOf(kind, entities);
      const columns = fieldsOf(datasetHealthColumns(list));
      expect(columns).toEqual(fieldsOf(CatalogTable.defaultColumnsFunc(list)));
      expect(columns).not.toContain('Health');
    },
  );
});
