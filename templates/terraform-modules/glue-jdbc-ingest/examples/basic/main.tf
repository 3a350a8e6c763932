# A nightly copy of an on-premises PostgreSQL table into the source-layer dataset
# sales-orders-source, with the customer e-mail pseudonymised.

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

module "orders_ingest" {
  source = "../.."

  hub          = "global"
  dataset_name = "sales-orders-source"

  jdbc_url               = "jdbc:postgresql://orders-db.corp.example.com:5432/sales"
  credentials_secret_arn = "arn:aws:secretsmanager:eu-central-1:111111111111:secret:cdh/global/sales-orders-db-AbCdEf"
  subnet_id              = "subnet-0123456789abcdef0"
  database_cidr_blocks   = ["10.20.30.0/24"]
  database_port          = 5432

  source_table         = "sales.orders"
  parallel_read_column = "order_id"

  target_location      = "s3://cdh-global-source-111111111111/sales_orders_source/"
  target_kms_key_arn   = "arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555"
  target_glue_database = "sales_orders_source"
  target_glue_table    = "orders"
  partition_column     = "dt"
  table_description    = "Orders as in the order management system, one snapshot per day (dt)."

  pii_columns     = ["customer_email"]
  pii_secret_arn  = "arn:aws:secretsmanager:eu-central-1:999999999999:secret:cdh/global/pseudonymisation-key-GhIjKl"
  pii_kms_key_arn = "arn:aws:kms:eu-central-1:999999999999:key/99999999-8888-7777-6666-555555555555"

  scripts_bucket_name = "cdh-global-artifacts-111111111111"

  schedule              = "cron(0 2 * * ? *)"
  alarm_email_addresses = ["sales-data@example.com"]

  tags = {
    "cost-center" = "4711"
  }
}

output "job_name" {
  value = module.orders_ingest.job_name
}

output "security_group_id" {
  value = module.orders_ingest.security_group_id
}
