import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  DATA_HUB_ACCESS_RESOURCE_TYPE,
  type AccessRequest,
} from '@cloud-data-hub/data-hub-common';
import type { AccessQuery } from './AccessQuery';

/**
 * Access requests as a permission resource: rules see the request, queries its table's columns.
 *
 * @public
 */
export const accessRequestResourceRef = createPermissionResourceRef<
  AccessRequest,
  AccessQuery
>().with({
  pluginId: 'data-hub',
  resourceType: DATA_HUB_ACCESS_RESOURCE_TYPE,
});
