output "dataset_location" {
  description = "S3 location of the dataset in this environment."
  value       = module.dataset.location
}

output "glue_database" {
  description = "The dataset's Glue database."
  value       = module.dataset.glue_database_name
}

output "delivery_stream_name" {
  description = "Firehose delivery stream producers put records into (Direct PUT)."
  value       = module.stream.delivery_stream_name
}

output "delivery_stream_arn" {
  description = "ARN of the delivery stream."
  value       = module.stream.delivery_stream_arn
}

output "producer_policy_arn" {
  description = "Managed policy allowing to put records (Direct PUT); attach it to further producer roles. null when reading a Kinesis Data Stream."
  value       = one(aws_iam_policy.producers[*].arn)
}

output "error_location" {
  description = "Where records that could not be converted or delivered are written."
  value       = module.stream.error_location
}
