output "bucket" {
  description = "Name of the S3 bucket holding the dataset."
  value       = var.create_bucket ? one(aws_s3_bucket.this[*].id) : var.bucket_name
}

output "bucket_arn" {
  description = "ARN of the S3 bucket holding the dataset."
  value       = local.bucket_arn
}

output "prefix" {
  description = "Key prefix of the dataset inside the bucket (no leading or trailing slash)."
  value       = local.prefix
}

output "location" {
  description = "S3 URI of the dataset's root, with trailing slash (the Glue database location_uri and the catalog's spec.storage.location). Tables live in <location><table>/."
  value       = local.location
}

output "glue_database_name" {
  description = "Name of the dataset's Glue database (dataset_name with '-' replaced by '_')."
  value       = aws_glue_catalog_database.this.name
}

output "glue_database_arn" {
  description = "ARN of the dataset's Glue database."
  value       = aws_glue_catalog_database.this.arn
}

output "glue_parameters" {
  description = "The clouddatahub:* parameters written on the Glue database."
  value       = local.glue_parameters
}

output "kms_key_arn" {
  description = "ARN of the customer-managed KMS key encrypting the dataset (created or passed in). Writers and readers need kms:Decrypt / kms:GenerateDataKey on it."
  value       = local.kms_key_arn
}

output "entity_ref" {
  description = "Catalog entity ref of the dataset, for the upstream list of datasets built from it."
  value       = "dataset:default/${var.dataset_name}"
}

output "lake_formation_role_arn" {
  description = "ARN of the role Lake Formation uses to access the location (null when not registered)."
  value       = var.register_with_lake_formation ? (var.lake_formation_role_arn != null ? var.lake_formation_role_arn : one(aws_iam_role.lake_formation[*].arn)) : null
}

output "lake_formation_resource_arn" {
  description = "S3 ARN registered with Lake Formation (null when not registered)."
  value       = one(aws_lakeformation_resource.this[*].arn)
}

output "tags" {
  description = "Tags applied to the dataset's resources (the caller's tags plus the standard clouddatahub:* tags)."
  value       = local.tags
}
