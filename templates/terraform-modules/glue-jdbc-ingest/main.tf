data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

data "aws_subnet" "this" {
  id = var.subnet_id
}

data "aws_vpc" "this" {
  id = data.aws_subnet.this.vpc_id
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  dns_suffix = data.aws_partition.current.dns_suffix

  # A JDBC ingest always lands in the source layer.
  layer = "source"

  job_name = coalesce(var.job_name, "cdh-${var.hub}-${var.dataset_name}-${replace(var.target_glue_table, "_", "-")}-ingest")
  # Names limited to 64 characters (IAM role, EventBridge rule) use a shortened, still unique form.
  short_name = length(local.job_name) <= 48 ? local.job_name : "${substr(local.job_name, 0, 39)}-${substr(sha1(local.job_name), 0, 8)}"

  # "jdbc:postgresql://…" -> "postgresql", "jdbc:oracle:thin:…" -> "oracle": Glue's connection type.
  source_engine = regex("^jdbc:([a-z]+)", var.jdbc_url)[0]

  # s3://bucket/prefix/ -> bucket, prefix (without trailing slash).
  target_parts  = regex("^s3://([^/]+)/(.+)/$", var.target_location)
  target_bucket = local.target_parts[0]
  target_prefix = local.target_parts[1]

  target_bucket_arn  = "arn:${local.partition}:s3:::${local.target_bucket}"
  target_table_key   = "${local.target_prefix}/${var.target_glue_table}"
  target_table_path  = "s3://${local.target_bucket}/${local.target_table_key}/"
  temporary_key      = "${local.target_prefix}/_glue_temporary/${var.target_glue_table}"
  temporary_path     = "s3://${local.target_bucket}/${local.temporary_key}/"
  target_dataset_arn = "${local.target_bucket_arn}/${local.target_prefix}"

  script_key = "${var.scripts_prefix}/${local.job_name}/jdbc_ingest.py"

  ops_kms_key_arn = module.operations.ops_kms_key_arn
  alarm_topic_arn = module.operations.alarm_topic_arn
  pii_enabled     = length(var.pii_columns) > 0

  glue_catalog_arn  = "arn:${local.partition}:glue:${local.region}:${local.account_id}:catalog"
  glue_database_arn = "arn:${local.partition}:glue:${local.region}:${local.account_id}:database/${var.target_glue_database}"
  glue_table_arn    = "arn:${local.partition}:glue:${local.region}:${local.account_id}:table/${var.target_glue_database}/${var.target_glue_table}"

  log_group_name = "/aws-glue/jobs/cdh/${local.job_name}"

  tags = merge(var.tags, {
    "clouddatahub:hub"     = var.hub
    "clouddatahub:layer"   = local.layer
    "clouddatahub:dataset" = var.dataset_name
  })
}
