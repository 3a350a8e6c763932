output "delivery_stream_name" {
  description = "Name of the Firehose delivery stream (producers of a Direct PUT stream call firehose:PutRecord / PutRecordBatch on it)."
  value       = aws_kinesis_firehose_delivery_stream.this.name
}

output "delivery_stream_arn" {
  description = "ARN of the Firehose delivery stream; grant producers firehose:PutRecord and firehose:PutRecordBatch on it."
  value       = aws_kinesis_firehose_delivery_stream.this.arn
}

output "role_arn" {
  description = "ARN of the delivery stream's IAM role."
  value       = aws_iam_role.firehose.arn
}

output "table_location" {
  description = "S3 URI of the table the stream writes (Hive partitions <partition_column>=yyyy-MM-dd below it)."
  value       = local.table_path
}

output "error_location" {
  description = "S3 URI below which records that failed conversion, partitioning or delivery are written."
  value       = "s3://${local.target_bucket}/${local.errors_key}/"
}

output "glue_table_name" {
  description = "Name of the Glue table giving the schema (created by the module when table_columns is set)."
  value       = var.table_columns != null ? one(aws_glue_catalog_table.this[*].name) : var.glue_table
}

output "log_group_name" {
  description = "CloudWatch log group of delivery errors."
  value       = aws_cloudwatch_log_group.firehose.name
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic receiving delivery alarms."
  value       = local.alarm_topic_arn
}

output "ops_kms_key_arn" {
  description = "ARN of the KMS key encrypting the delivery log group and the alarm topic."
  value       = local.ops_kms_key_arn
}
