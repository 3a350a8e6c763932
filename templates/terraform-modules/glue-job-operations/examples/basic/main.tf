# Operational key, log group and failure alarm for a Glue job named cdh-us-orders-ingest.

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "operations" {
  source = "../.."

  hub            = "us"
  dataset_name   = "us-orders-source"
  table          = "us_orders_source.orders"
  job_name       = "cdh-us-orders-ingest"
  short_name     = "cdh-us-orders-ingest"
  log_group_name = "/aws-glue/jobs/cdh/cdh-us-orders-ingest"
  alarm_title    = "Cloud Data Hub ingest failed"

  alarm_email_addresses = ["data-platform@example.com"]
  tags                  = { "clouddatahub:hub" = "us" }
}

output "alarm_topic_arn" {
  description = "Where failure alarms go."
  value       = module.operations.alarm_topic_arn
}
