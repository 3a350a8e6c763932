# On Lake-Formation-governed datasets the job needs Lake Formation permissions besides IAM: to read
# the source table, to create its table in the target database and to point it at the target's
# registered location. As the target table's creator it then holds all permissions on that table.

resource "aws_lakeformation_permissions" "source_table" {
  count = var.manage_lake_formation_permissions ? 1 : 0

  principal   = aws_iam_role.job.arn
  permissions = ["SELECT", "DESCRIBE"]

  table {
    database_name = var.source_glue_database
    name          = var.source_glue_table
  }
}

resource "aws_lakeformation_permissions" "target_database" {
  count = var.manage_lake_formation_permissions ? 1 : 0

  principal   = aws_iam_role.job.arn
  permissions = ["CREATE_TABLE", "DESCRIBE"]

  database {
    name = var.target_glue_database
  }
}

resource "aws_lakeformation_permissions" "target_location" {
  count = var.manage_lake_formation_permissions ? 1 : 0

  principal   = aws_iam_role.job.arn
  permissions = ["DATA_LOCATION_ACCESS"]

  data_location {
    arn = local.target_dataset_arn
  }
}
