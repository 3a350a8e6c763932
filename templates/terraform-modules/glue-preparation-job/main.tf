data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  job_name = coalesce(var.job_name, "cdh-${var.hub}-${var.dataset_name}-${replace(var.target_glue_table, "_", "-")}-prepare")
  # Names limited to 64 characters (IAM role, EventBridge rule) use a shortened, still unique form.
  short_name = length(local.job_name) <= 48 ? local.job_name : "${substr(local.job_name, 0, 39)}-${substr(sha1(local.job_name), 0, 8)}"

  # s3://bucket/prefix/ -> bucket, prefix (without trailing slash).
  source_parts      = regex("^s3://([^/]+)/(.+)/$", var.source_location)
  source_bucket_arn = "arn:${local.partition}:s3:::${local.source_parts[0]}"
  source_prefix     = local.source_parts[1]

  target_parts       = regex("^s3://([^/]+)/(.+)/$", var.target_location)
  target_bucket      = local.target_parts[0]
  target_prefix      = local.target_parts[1]
  target_bucket_arn  = "arn:${local.partition}:s3:::${local.target_bucket}"
  target_table_key   = "${local.target_prefix}/${var.target_glue_table}"
  target_table_path  = "s3://${local.target_bucket}/${local.target_table_key}/"
  temporary_key      = "${local.target_prefix}/_glue_temporary/${var.target_glue_table}"
  temporary_path     = "s3://${local.target_bucket}/${local.temporary_key}/"
  target_dataset_arn = "${local.target_bucket_arn}/${local.target_prefix}"

  script_key    = "${var.scripts_prefix}/${local.job_name}/prepare.py"
  transform_key = "${var.scripts_prefix}/${local.job_name}/cdh_transform.py"

  ops_kms_key_arn = module.operations.ops_kms_key_arn
  alarm_topic_arn = module.operations.alarm_topic_arn

  glue_arn_prefix          = "arn:${local.partition}:glue:${local.region}:${local.account_id}"
  glue_catalog_arn         = "${local.glue_arn_prefix}:catalog"
  source_glue_database_arn = "${local.glue_arn_prefix}:database/${var.source_glue_database}"
  source_glue_table_arn    = "${local.glue_arn_prefix}:table/${var.source_glue_database}/${var.source_glue_table}"
  target_glue_database_arn = "${local.glue_arn_prefix}:database/${var.target_glue_database}"
  target_glue_table_arn    = "${local.glue_arn_prefix}:table/${var.target_glue_database}/${var.target_glue_table}"

  log_group_name = "/aws-glue/jobs/cdh/${local.job_name}"

  tags = merge(var.tags, {
    "clouddatahub:hub"     = var.hub
    "clouddatahub:layer"   = var.layer
    "clouddatahub:dataset" = var.dataset_name
  })
}
