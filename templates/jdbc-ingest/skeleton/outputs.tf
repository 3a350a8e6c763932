output "dataset_location" {
  description = "S3 location of the dataset in this environment."
  value       = module.dataset.location
}

output "glue_database" {
  description = "The dataset's Glue database."
  value       = module.dataset.glue_database_name
}

output "job_names" {
  description = "Glue job of each table (start one by hand with aws glue start-job-run --job-name …)."
  value       = { for table, ingest in module.ingest : table => ingest.job_name }
}

output "alarm_topic_arns" {
  description = "SNS topic of each job's failure alarm, for more subscriptions."
  value       = { for table, ingest in module.ingest : table => ingest.alarm_topic_arn }
}
