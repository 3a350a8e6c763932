output "job_name" {
  description = "Name of the Glue job."
  value       = aws_glue_job.this.name
}

output "job_arn" {
  description = "ARN of the Glue job."
  value       = aws_glue_job.this.arn
}

output "role_arn" {
  description = "ARN of the job's IAM role (grant it Lake Formation permissions elsewhere when manage_lake_formation_permissions is false)."
  value       = aws_iam_role.job.arn
}

output "schedule_trigger_name" {
  description = "Name of the scheduled Glue trigger (null without schedule)."
  value       = one(aws_glue_trigger.schedule[*].name)
}

output "upstream_trigger_name" {
  description = "Name of the conditional trigger started by start_after_job_name (null without it)."
  value       = one(aws_glue_trigger.after_upstream[*].name)
}

output "target_table_location" {
  description = "S3 URI the prepared table's Parquet files are written to."
  value       = local.target_table_path
}

output "target_table" {
  description = "The target table as <database>.<table>."
  value       = "${var.target_glue_database}.${var.target_glue_table}"
}

output "script_s3_uri" {
  description = "S3 URI of the uploaded PySpark script."
  value       = "s3://${var.scripts_bucket_name}/${aws_s3_object.script.key}"
}

output "transform_s3_uri" {
  description = "S3 URI of the uploaded transformation (cdh_transform.py); null without transform_script_path."
  value       = var.transform_script_path != null ? "s3://${var.scripts_bucket_name}/${aws_s3_object.transform[0].key}" : null
}

output "log_group_name" {
  description = "CloudWatch log group of the job's continuous logs."
  value       = module.operations.log_group_name
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic receiving failure alarms."
  value       = local.alarm_topic_arn
}

output "failure_event_rule_arn" {
  description = "ARN of the EventBridge rule matching FAILED / TIMEOUT runs."
  value       = module.operations.failure_rule_arn
}

output "ops_kms_key_arn" {
  description = "ARN of the KMS key encrypting the job's logs, bookmarks and alarm topic."
  value       = local.ops_kms_key_arn
}
