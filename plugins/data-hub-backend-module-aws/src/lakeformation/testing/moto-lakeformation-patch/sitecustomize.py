"""Brings moto_server's Lake Formation ListPermissions in line with AWS for the granter's tests.

AWS documents for ListPermissions' `Resource`: "This operation does not support getting
privileges on a table with columns. Instead, call this operation on the table, and the
operation returns the table and the table w columns." moto (checked with 5.2.1) compares
a `Table` filter only with `Table` permissions, so column permissions (`TableWithColumns`)
never show up for the table. This module is put on PYTHONPATH of the moto_server the tests
start (Python imports `sitecustomize` at start-up) and makes a `Table` filter also match the
column permissions of that table. Everything else in moto is left as it is.
"""

try:
    from moto.lakeformation import models as _models
except Exception:  # moto missing or reorganised: leave the emulator unpatched
    _models = None

if _models is not None and hasattr(_models.LakeFormationBackend, "list_permissions"):
    _original_list_permissions = _models.LakeFormationBackend.list_permissions

    def _list_permissions(self, catalog_id, principal=None, resource=None, resource_type=None):
        table = getattr(resource, "table", None)
        if (
            table is None
            or table.name is None
            or getattr(resource, "catalog", None) is not None
            or getattr(resource, "database", None) is not None
        ):
            return _original_list_permissions(self, catalog_id, principal, resource, resource_type)

        def same_table(permission):
            granted = permission["Resource"].get("Table") or permission["Resource"].get(
                "TableWithColumns"
            )
            return (
                granted is not None
                and granted.get("DatabaseName") == table.database_name
                and granted.get("Name") == table.name
                and (table.catalog_id is None or granted.get("CatalogId") == table.catalog_id)
            )

        listed = _original_list_permissions(self, catalog_id, principal, None, resource_type)
        return [permission for permission in listed if same_table(permission)]

    _models.LakeFormationBackend.list_permissions = _list_permissions
