# The prepared dataset vehicle-trips-prepared of the global hub: its own bucket and KMS key, a Glue
# database carrying the Data Hub parameters, and the location registered with Lake Formation.

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

module "vehicle_trips_prepared" {
  source = "../.."

  hub          = "global"
  layer        = "prepared"
  dataset_name = "vehicle-trips-prepared"
  title        = "Vehicle trips (prepared)"
  description  = "One row per completed trip, cleaned and deduplicated."

  owner                   = "group:default/connected-vehicle-data"
  business_object         = "domain:default/vehicle"
  classification          = "confidential"
  dataset_lifecycle       = "production"
  upstream                = ["dataset:default/vehicle-telemetry-source"]
  catalog_tags            = ["telemetry", "trips"]
  freshness_max_age_hours = 24

  bucket_name = "cdh-global-vehicle-trips-prepared-111111111111"

  tags = {
    "cost-center" = "4711"
  }
}

output "location" {
  value = module.vehicle_trips_prepared.location
}

output "glue_database_name" {
  value = module.vehicle_trips_prepared.glue_database_name
}

output "kms_key_arn" {
  value = module.vehicle_trips_prepared.kms_key_arn
}
