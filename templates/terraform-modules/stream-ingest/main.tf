data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  dns_suffix = data.aws_partition.current.dns_suffix

  # A stream ingest always lands in the source layer.
  layer = "source"

  default_name = "cdh-${var.hub}-${var.dataset_name}-${replace(var.glue_table, "_", "-")}"
  stream_name  = coalesce(var.stream_name, length(local.default_name) <= 64 ? local.default_name : "${substr(local.default_name, 0, 55)}-${substr(sha1(local.default_name), 0, 8)}")
  # Names limited to 64 characters with a suffix (IAM role) use a shortened, still unique form.
  short_name = length(local.stream_name) <= 48 ? local.stream_name : "${substr(local.stream_name, 0, 39)}-${substr(sha1(local.stream_name), 0, 8)}"

  # s3://bucket/prefix/ -> bucket, prefix (without trailing slash).
  target_parts      = regex("^s3://([^/]+)/(.+)/$", var.target_location)
  target_bucket     = local.target_parts[0]
  target_prefix     = local.target_parts[1]
  target_bucket_arn = "arn:${local.partition}:s3:::${local.target_bucket}"

  table_key   = "${local.target_prefix}/${var.glue_table}"
  table_path  = "s3://${local.target_bucket}/${local.table_key}/"
  errors_key  = "${local.target_prefix}/_errors/${var.glue_table}"
  dataset_arn = "${local.target_bucket_arn}/${local.target_prefix}"

  dynamic_partitioning = var.dynamic_partition_jq != null
  # Hive-style date partitions: by event date (dynamic partitioning) or by arrival time (UTC).
  partition_value = local.dynamic_partitioning ? "!{partitionKeyFromQuery:${var.partition_column}}" : "!{timestamp:yyyy-MM-dd}"
  s3_prefix       = "${local.table_key}/${var.partition_column}=${local.partition_value}/"
  # Failed records (format conversion, partitioning, delivery) land outside the table's location.
  s3_error_prefix = "${local.errors_key}/!{firehose:error-output-type}/${var.partition_column}=!{timestamp:yyyy-MM-dd}/"

  stream_encryption_kms_key_arn = coalesce(var.stream_encryption_kms_key_arn, var.target_kms_key_arn)

  ops_kms_key_arn = var.ops_kms_key_arn != null ? var.ops_kms_key_arn : one(aws_kms_key.ops[*].arn)
  alarm_topic_arn = var.alarm_topic_arn != null ? var.alarm_topic_arn : one(aws_sns_topic.alarms[*].arn)

  glue_arn_prefix   = "arn:${local.partition}:glue:${local.region}:${local.account_id}"
  glue_catalog_arn  = "${local.glue_arn_prefix}:catalog"
  glue_database_arn = "${local.glue_arn_prefix}:database/${var.glue_database}"
  glue_table_arn    = "${local.glue_arn_prefix}:table/${var.glue_database}/${var.glue_table}"

  log_group_name  = "/aws/kinesisfirehose/${local.stream_name}"
  log_stream_name = "DestinationDelivery"

  tags = merge(var.tags, {
    "clouddatahub:hub"     = var.hub
    "clouddatahub:layer"   = local.layer
    "clouddatahub:dataset" = var.dataset_name
  })
}
