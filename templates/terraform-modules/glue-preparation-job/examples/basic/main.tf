# Prepares sales_orders_source.orders (daily snapshots from the JDBC ingest) into
# sales_orders_prepared.orders: one row per order, typed, trimmed, partitioned by order date.

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
  region = "eu-central-1"
}

module "orders_prepare" {
  source = "../.."

  hub          = "global"
  dataset_name = "sales-orders-prepared"
  layer        = "prepared"

  source_glue_database    = "sales_orders_source"
  source_glue_table       = "orders"
  source_location         = "s3://cdh-global-source-111111111111/sales_orders_source/"
  source_kms_key_arn      = "arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555"
  source_partition_column = "dt"

  key_columns     = ["order_id"]
  order_by_column = "updated_at"
  column_types    = {
    order_date = "date"
    amount     = "decimal(12,2)"
    quantity   = "int"
    updated_at = "timestamp"
  }
  drop_columns = ["internal_note"]

  target_location      = "s3://cdh-global-prepared-111111111111/sales_orders_prepared/"
  target_kms_key_arn   = "arn:aws:kms:eu-central-1:111111111111:key/66666666-7777-8888-9999-000000000000"
  target_glue_database = "sales_orders_prepared"
  target_glue_table    = "orders"
  partition_column     = "order_date"
  table_description    = "One row per order (latest state), cleaned and typed."

  scripts_bucket_name = "cdh-global-artifacts-111111111111"

  start_after_job_name  = "cdh-global-sales-orders-source-orders-ingest"
  schedule              = "cron(0 6 * * ? *)"
  alarm_email_addresses = ["sales-data@example.com"]

  tags = {
    "cost-center" = "4711"
  }
}

output "job_name" {
  value = module.orders_prepare.job_name
}
