data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Convention: the Glue database is the dataset name with '-' turned into '_' (the catalog turns it back).
  glue_database_name = replace(var.dataset_name, "-", "_")

  prefix     = coalesce(var.prefix, local.glue_database_name)
  bucket_arn = "arn:${local.partition}:s3:::${var.bucket_name}"
  # The dataset's root: the Glue database's location_uri and the catalog's spec.storage.location.
  location = "s3://${var.bucket_name}/${local.prefix}/"
  # Lake Formation registers a location by its S3 ARN, without trailing slash.
  location_arn = "${local.bucket_arn}/${local.prefix}"

  kms_key_arn = var.kms_key_arn != null ? var.kms_key_arn : one(aws_kms_key.this[*].arn)

  # Short name for resources whose names are limited (IAM roles: 64 characters).
  base_name  = "cdh-${var.hub}-${var.dataset_name}"
  short_name = length(local.base_name) <= 48 ? local.base_name : "${substr(local.base_name, 0, 39)}-${substr(sha1(local.base_name), 0, 8)}"

  # Standard tags last: a caller's `tags` cannot override them.
  tags = merge(var.tags, {
    "clouddatahub:hub"     = var.hub
    "clouddatahub:layer"   = var.layer
    "clouddatahub:dataset" = var.dataset_name
  })

  # The Glue database parameters the portal's catalog reads (README "Datasets from the Glue Data Catalog
  # of every hub"). Empty optional values are left out rather than written as "".
  glue_parameters = {
    for k, v in {
      "clouddatahub:layer"                   = var.layer
      "clouddatahub:owner"                   = var.owner
      "clouddatahub:business-object"         = var.business_object
      "clouddatahub:classification"          = var.classification
      "clouddatahub:lifecycle"               = var.dataset_lifecycle
      "clouddatahub:dataset"                 = var.dataset_name
      "clouddatahub:title"                   = var.title
      "clouddatahub:upstream"                = length(var.upstream) > 0 ? join(",", var.upstream) : null
      "clouddatahub:tags"                    = length(var.catalog_tags) > 0 ? join(",", var.catalog_tags) : null
      "clouddatahub:freshness-max-age-hours" = var.freshness_max_age_hours != null ? tostring(var.freshness_max_age_hours) : null
    } : k => v if v != null
  }
}
