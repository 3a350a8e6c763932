# In a Lake-Formation-governed database, reading a table's schema (glue:GetTable*) also needs a Lake
# Formation permission on the table. Firehose writes to S3 with its IAM role, so nothing else is needed.

resource "aws_lakeformation_permissions" "table" {
  count = var.manage_lake_formation_permissions ? 1 : 0

  principal   = aws_iam_role.firehose.arn
  permissions = ["DESCRIBE"]

  table {
    database_name = var.glue_database
    name          = var.table_columns != null ? one(aws_glue_catalog_table.this[*].name) : var.glue_table
  }
}
