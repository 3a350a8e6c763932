# Vehicle telemetry events (JSON) from a Kinesis Data Stream into the source-layer dataset
# vehicle-telemetry-source as Parquet, partitioned by the event's date.

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

module "telemetry_stream" {
  source = "../.."

  hub          = "global"
  dataset_name = "vehicle-telemetry-source"

  kinesis_stream_arn         = "arn:aws:kinesis:eu-central-1:111111111111:stream/vehicle-telemetry"
  kinesis_stream_kms_key_arn = "arn:aws:kms:eu-central-1:111111111111:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"

  target_location    = "s3://cdh-global-source-111111111111/vehicle_telemetry_source/"
  target_kms_key_arn = "arn:aws:kms:eu-central-1:111111111111:key/11111111-2222-3333-4444-555555555555"
  glue_database      = "vehicle_telemetry_source"
  glue_table         = "events"
  table_description  = "One row per telemetry event sent by a vehicle."

  table_columns = [
    { name = "vin", type = "string", comment = "Vehicle identification number", pii = true },
    { name = "event_time", type = "timestamp", comment = "When the vehicle recorded the event (UTC)" },
    { name = "signal", type = "string", comment = "Signal name, e.g. battery_soc" },
    { name = "value", type = "double", comment = "Signal value" },
  ]
  json_key_mappings = {
    event_time = "eventTime"
  }

  partition_column     = "dt"
  dynamic_partition_jq = ".eventTime[0:10]"

  buffering_size_mb          = 128
  buffering_interval_seconds = 300

  alarm_email_addresses = ["connected-vehicle-data@example.com"]

  tags = {
    "cost-center" = "4711"
  }
}

output "delivery_stream_arn" {
  value = module.telemetry_stream.delivery_stream_arn
}
