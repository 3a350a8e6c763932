output "dataset_location" {
  description = "S3 location of the dataset in this environment."
  value       = module.dataset.location
}

output "glue_database" {
  description = "The dataset's Glue database."
  value       = module.dataset.glue_database_name
}

output "job_name" {
  description = "The preparation's Glue job (start it by hand with aws glue start-job-run --job-name …)."
  value       = module.preparation.job_name
}

output "alarm_topic_arn" {
  description = "SNS topic of the job's failure alarm, for more subscriptions."
  value       = module.preparation.alarm_topic_arn
}
