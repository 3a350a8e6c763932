output "ops_kms_key_arn" {
  description = "ARN of the KMS key encrypting the job's logs, bookmarks and alarm topic."
  value       = local.ops_kms_key_arn
}

output "log_group_name" {
  description = "Name of the job's CloudWatch log group."
  value       = aws_cloudwatch_log_group.job.name
}

output "alarm_topic_arn" {
  description = "ARN of the SNS topic receiving failure alarms."
  value       = local.alarm_topic_arn
}

output "failure_rule_arn" {
  description = "ARN of the EventBridge rule matching failed or timed-out runs."
  value       = aws_cloudwatch_event_rule.job_failed.arn
}
