# On a Lake-Formation-governed dataset the job needs Lake Formation permissions besides IAM: to create
# its table in the database and to point the table at the dataset's registered location. As the
# table's creator it then holds all permissions on that table (Lake Formation grants them to creators).

resource "aws_lakeformation_permissions" "database" {
  count = var.manage_lake_formation_permissions ? 1 : 0

  principal   = aws_iam_role.job.arn
  permissions = ["CREATE_TABLE", "DESCRIBE"]

  database {
    name = var.target_glue_database
  }
}

resource "aws_lakeformation_permissions" "location" {
  count = var.manage_lake_formation_permissions ? 1 : 0

  principal   = aws_iam_role.job.arn
  permissions = ["DATA_LOCATION_ACCESS"]

  data_location {
    arn = local.target_dataset_arn
  }
}
