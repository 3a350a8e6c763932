# ${{ values.name }}: a prepared dataset of hub ${{ values.hub }} and the Glue job that prepares it
# from ${{ values.upstream.entityRef }}.
#
# The dataset itself (name, title, owner, classification, upstream, columns) is read from
# catalog-info.yaml, what the job does from preparation.yaml and jobs/transform.py; this file
# only wires the platform's modules. The modules are pinned to one release: upgrade all of them
# together, by changing ?ref= in every source below, in a pull request of its own.

locals {
  entity      = yamldecode(file("${path.module}/catalog-info.yaml"))
  preparation = yamldecode(file("${path.module}/preparation.yaml"))

  hub        = local.entity.spec.hub
  layer      = local.entity.spec.layer
  account_id = data.aws_caller_identity.current.account_id
  upstream   = local.preparation.upstream
  table      = one([for t in local.entity.spec.tables : t if t.name == local.preparation.table])

  # The upstream dataset follows the same naming in every account: a prefix named like its Glue
  # database in the hub's bucket of its layer, encrypted with the key the dataset module aliases.
  upstream_name     = split("/", local.upstream.dataset)[1]
  upstream_location = "s3://cdh-${local.hub}-${local.upstream.layer}-${local.account_id}/${local.upstream.glue_database}/"

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

data "aws_kms_alias" "upstream" {
  name = "alias/cdh/${local.hub}/${local.upstream_name}"
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
  upstream                = local.entity.spec.upstream
  freshness_max_age_hours = try(local.entity.spec.freshness.maxAgeHours, null)

  # The hub's bucket of the layer belongs to the platform; a dataset is a prefix in it.
  bucket_name   = "cdh-${local.hub}-${local.layer}-${local.account_id}"
  create_bucket = false

  iam_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

module "preparation" {
  source = "${{ values.modulesSource }}//glue-preparation-job?ref=${{ values.modulesVersion }}"

  hub          = local.hub
  layer        = local.layer
  dataset_name = local.entity.metadata.name

  source_glue_database    = local.upstream.glue_database
  source_glue_table       = local.upstream.table
  source_location         = local.upstream_location
  source_kms_key_arn      = data.aws_kms_alias.upstream.target_key_arn
  source_partition_column = local.upstream.partition_column

  target_location      = module.dataset.location
  target_kms_key_arn   = module.dataset.kms_key_arn
  target_glue_database = module.dataset.glue_database_name
  target_glue_table    = local.table.name
  table_description    = try(local.table.description, null)

  key_columns           = local.preparation.key_columns
  order_by_column       = local.preparation.order_by_column
  column_types          = local.preparation.column_types
  drop_columns          = local.preparation.drop_columns
  partition_column      = local.preparation.partition_column
  transform_script_path = "${path.module}/jobs/transform.py"

  # The hub's artifacts bucket of this account (a platform bucket, like the layer buckets).
  scripts_bucket_name = "cdh-${local.hub}-artifacts-${local.account_id}"

  schedule              = local.preparation.schedule
  schedule_enabled      = var.schedule_enabled
  alarm_email_addresses = var.alarm_email_addresses

  iam_permissions_boundary_arn = var.iam_permissions_boundary_arn
}
