# The dataset's Glue database. Its parameters are what makes it a Data Hub dataset for the portal:
# the catalog's Glue provider reads them (clouddatahub:layer selects the database).

resource "aws_glue_catalog_database" "this" {
  name         = local.glue_database_name
  description  = var.description
  location_uri = local.location
  parameters   = local.glue_parameters

  tags = local.tags

  # Default permissions of new tables follow the account's Lake Formation settings
  # (aws_lakeformation_data_lake_settings of the hub baseline), which a governed hub sets to none.
}
