# ${{ values.name }}: a source-layer dataset of hub ${{ values.hub }} and the Glue jobs that copy
# the tables of ingest.yaml into it from a database over JDBC, in a private subnet.
#
# The dataset itself (name, title, owner, classification, tables, PII) is read from
# catalog-info.yaml and what is copied from ingest.yaml; this file only wires the platform's
# modules. The modules are pinned to one release: upgrade all of them together, by changing
# ?ref= in every source below, in a pull request of its own.

locals {
  entity = yamldecode(file("${path.module}/catalog-info.yaml"))
  ingest = yamldecode(file("${path.module}/ingest.yaml"))

  hub        = local.entity.spec.hub
  layer      = local.entity.spec.layer
  account_id = data.aws_caller_identity.current.account_id

  # Per table of ingest.yaml: its catalog entry (description, columns with PII markers).
  tables = {
    for table in local.ingest.tables : table.name => merge(table, {
      catalog = one([for t in local.entity.spec.tables : t if t.name == table.name])
    })
  }

  tags = {
    "clouddatahub:repository"  = local.entity.metadata.name
    "clouddatahub:environment" = var.environment
  }
}

provider "aws" {
  region              = local.entity.spec.storage.region
  allowed_account_ids = var.account_id != null ? [var.account_id] : null

  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}

data "aws_secretsmanager_secret" "database" {
  name = var.credentials_secret_name
}

module "dataset" {
  source = "${{ values.modulesSource }}//dataset?ref=${{ values.modulesVersion }}"

  hub                     = local.hub
  layer                   = local.layer
  dataset_name            = local.entity.metadata.name
  title                   = local.entity.metadata.title
  description             = local.entity.metadata.description
  owner                   = local.entity.spec.owner
  business_object         = local.entity.spec.businessObject
  classification          = local.entity.spec.classification
  dataset_lifecycle       = local.entity.spec.lifecycle
  catalog_tags            = try(local.entity.metadata.tags, [])
  freshness_max_age_hours = try(local.entity.spec.freshness.maxAgeHours, null)

  # The hub's bucket of the layer belongs to the platform; a dataset is a prefix in it.
  bucket_name   = "cdh-${local.hub}-${local.layer}-${local.account_id}"
  create_bucket = false

  iam_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

module "ingest" {
  source   = "${{ values.modulesSource }}//glue-jdbc-ingest?ref=${{ values.modulesVersion }}"
  for_each = local.tables

  hub          = local.hub
  dataset_name = local.entity.metadata.name

  jdbc_url                       = var.jdbc_url
  credentials_secret_arn         = data.aws_secretsmanager_secret.database.arn
  credentials_secret_kms_key_arn = var.credentials_secret_kms_key_arn
  subnet_id                      = var.subnet_id
  database_cidr_blocks           = var.database_cidr_blocks
  database_port                  = var.database_port

  source_table = try(each.value.source_table, null)
  source_query = try(each.value.source_query, null)

  pii_columns     = [for column in each.value.catalog.columns : column.name if try(column.pii, false)]
  pii_secret_arn  = var.pii_secret_arn
  pii_kms_key_arn = var.pii_kms_key_arn

  target_location      = module.dataset.location
  target_kms_key_arn   = module.dataset.kms_key_arn
  target_glue_database = module.dataset.glue_database_name
  target_glue_table    = each.key
  table_description    = try(each.value.catalog.description, null)

  # The hub's artifacts bucket of this account (a platform bucket, like the layer buckets).
  scripts_bucket_name = "cdh-${local.hub}-artifacts-${local.account_id}"

  schedule              = local.ingest.schedule
  schedule_enabled      = var.schedule_enabled
  alarm_email_addresses = var.alarm_email_addresses

  iam_permissions_boundary_arn = var.iam_permissions_boundary_arn
}
