# Operational key, logs and the failure alarm, shared with the other Glue job module.
module "operations" {
  source = "../glue-job-operations"

  hub            = var.hub
  dataset_name   = var.dataset_name
  table          = "${var.target_glue_database}.${var.target_glue_table}"
  job_name       = local.job_name
  short_name     = local.short_name
  log_group_name = local.log_group_name
  alarm_title    = "Cloud Data Hub preparation failed"

  log_retention_days    = var.log_retention_days
  ops_kms_key_arn       = var.ops_kms_key_arn
  alarm_topic_arn       = var.alarm_topic_arn
  alarm_email_addresses = var.alarm_email_addresses
  tags                  = local.tags
}
