# ${{ values.name }}: a source-layer dataset of hub ${{ values.hub }} filled by a Firehose delivery
# stream that writes JSON records as Parquet, with the schema of the dataset's table.
#
# The dataset itself (name, title, owner, classification, the table's columns and PII) is read
# from catalog-info.yaml and how records arrive from stream.yaml; this file only wires the
# platform's modules. The modules are pinned to one release: upgrade all of them together, by
# changing ?ref= in every source below, in a pull request of its own.

locals {
  entity = yamldecode(file("${path.module}/catalog-info.yaml"))
  stream = yamldecode(file("${path.module}/stream.yaml"))

  hub        = local.entity.spec.hub
  layer      = local.entity.spec.layer
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = local.entity.spec.storage.region

  table      = one([for t in local.entity.spec.tables : t if t.name == local.stream.table])
  direct_put = local.stream.kinesis_stream_name == null

  tags = {
    "clouddatahub:repository"  = local.entity.metadata.name
    "clouddatahub:environment" = var.environment
  }
}

provider "aws" {
  region              = local.region
  allowed_account_ids = var.account_id != null ? [var.account_id] : null

  default_tags {
    tags = local.tags
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

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

module "stream" {
  source = "${{ values.modulesSource }}//stream-ingest?ref=${{ values.modulesVersion }}"

  hub          = local.hub
  dataset_name = local.entity.metadata.name

  kinesis_stream_arn         = local.direct_put ? null : "arn:${local.partition}:kinesis:${local.region}:${local.account_id}:stream/${local.stream.kinesis_stream_name}"
  kinesis_stream_kms_key_arn = local.direct_put ? null : var.kinesis_stream_kms_key_arn

  target_location    = module.dataset.location
  target_kms_key_arn = module.dataset.kms_key_arn
  glue_database      = module.dataset.glue_database_name
  glue_table         = local.table.name
  table_description  = try(local.table.description, null)
  table_columns = [
    for column in local.table.columns : {
      name    = column.name
      type    = column.type
      comment = try(column.description, null)
      pii     = try(column.pii, false)
    }
  ]

  json_key_mappings    = local.stream.json_key_mappings
  partition_column     = local.table.partitionKeys[0].name
  dynamic_partition_jq = local.stream.event_time_field != null ? ".${local.stream.event_time_field}[0:10]" : null

  buffering_interval_seconds = local.stream.buffering_interval_seconds
  # Late data alarms after the catalog's freshness, not before.
  data_freshness_alarm_seconds = min(local.entity.spec.freshness.maxAgeHours * 3600, 86400)
  alarm_email_addresses        = var.alarm_email_addresses

  iam_permissions_boundary_arn = var.iam_permissions_boundary_arn
}

# Direct PUT: the producers' roles may put records into this delivery stream, nothing else.
resource "aws_iam_policy" "producers" {
  count = local.direct_put ? 1 : 0

  name        = "cdh-${local.hub}-${local.entity.metadata.name}-producer"
  description = "Put records into the delivery stream of dataset ${local.entity.metadata.name}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "PutRecords"
      Effect   = "Allow"
      Action   = ["firehose:PutRecord", "firehose:PutRecordBatch"]
      Resource = module.stream.delivery_stream_arn
    }]
  })
}

resource "aws_iam_role_policy_attachment" "producers" {
  for_each = local.direct_put ? toset(local.stream.producer_role_names) : toset([])

  role       = each.value
  policy_arn = aws_iam_policy.producers[0].arn
}
