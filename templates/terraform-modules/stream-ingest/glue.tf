# The Glue table giving the schema Firehose converts records to, when the module creates it.
# Its columns carry the PII marker the portal shows (clouddatahub:pii), and Athena sees new days
# at once through partition projection.

locals {
  # A for expression rather than `condition ? {…} : {}`: the two branches of a conditional must have
  # the same object type.
  projection_parameters = { for k, v in {
    "projection.enabled"                               = "true"
    "projection.${var.partition_column}.type"          = "date"
    "projection.${var.partition_column}.format"        = "yyyy-MM-dd"
    "projection.${var.partition_column}.range"         = var.partition_projection_range
    "projection.${var.partition_column}.interval"      = "1"
    "projection.${var.partition_column}.interval.unit" = "DAYS"
    "storage.location.template"                        = "${local.table_path}${var.partition_column}=$${${var.partition_column}}/"
  } : k => v if var.enable_partition_projection }
}

resource "aws_glue_catalog_table" "this" {
  count = var.table_columns != null ? 1 : 0

  name          = var.glue_table
  database_name = var.glue_database
  description   = var.table_description
  table_type    = "EXTERNAL_TABLE"

  parameters = merge(local.projection_parameters, {
    EXTERNAL              = "TRUE"
    classification        = "parquet"
    "parquet.compression" = var.parquet_compression
  })

  partition_keys {
    name    = var.partition_column
    type    = "string"
    comment = local.dynamic_partitioning ? "Event date (yyyy-MM-dd, UTC)" : "Arrival date at Firehose (yyyy-MM-dd, UTC)"
  }

  storage_descriptor {
    location      = local.table_path
    input_format  = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
    output_format = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"

    ser_de_info {
      name                  = "parquet"
      serialization_library = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
      parameters            = {
        "serialization.format" = "1"
      }
    }

    dynamic "columns" {
      for_each = var.table_columns

      content {
        name       = columns.value.name
        type       = columns.value.type
        comment    = columns.value.comment
        parameters = columns.value.pii ? { "clouddatahub:pii" = "true" } : null
      }
    }
  }

  lifecycle {
    precondition {
      condition     = !contains([for c in var.table_columns : c.name], var.partition_column)
      error_message = "partition_column is the table's partition key and must not also be one of table_columns."
    }
  }
}
