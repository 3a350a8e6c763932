resource "aws_kinesis_firehose_delivery_stream" "this" {
  name        = local.stream_name
  destination = "extended_s3"

  dynamic "kinesis_source_configuration" {
    for_each = var.kinesis_stream_arn != null ? [var.kinesis_stream_arn] : []

    content {
      kinesis_stream_arn = kinesis_source_configuration.value
      role_arn           = aws_iam_role.firehose.arn
    }
  }

  # Records at rest inside a Direct PUT stream are encrypted too (a Kinesis source brings its own).
  dynamic "server_side_encryption" {
    for_each = var.kinesis_stream_arn == null ? [local.stream_encryption_kms_key_arn] : []

    content {
      enabled  = true
      key_type = "CUSTOMER_MANAGED_CMK"
      key_arn  = server_side_encryption.value
    }
  }

  extended_s3_configuration {
    role_arn            = aws_iam_role.firehose.arn
    bucket_arn          = local.target_bucket_arn
    prefix              = local.s3_prefix
    error_output_prefix = local.s3_error_prefix
    custom_time_zone    = "UTC"
    file_extension      = ".parquet"

    buffering_size     = var.buffering_size_mb
    buffering_interval = var.buffering_interval_seconds
    # Parquet compresses itself (parquet_compression); Firehose must not compress the files again.
    compression_format = "UNCOMPRESSED"
    kms_key_arn        = var.target_kms_key_arn
    s3_backup_mode     = "Disabled"

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.firehose.name
      log_stream_name = aws_cloudwatch_log_stream.delivery.name
    }

    dynamic "dynamic_partitioning_configuration" {
      for_each = local.dynamic_partitioning ? [1] : []

      content {
        enabled        = true
        retry_duration = 300
      }
    }

    dynamic "processing_configuration" {
      for_each = local.dynamic_partitioning ? [var.dynamic_partition_jq] : []

      content {
        enabled = true

        processors {
          type = "MetadataExtraction"

          parameters {
            parameter_name  = "JsonParsingEngine"
            parameter_value = "JQ-1.6"
          }

          parameters {
            parameter_name  = "MetadataExtractionQuery"
            parameter_value = "{${var.partition_column}: (${processing_configuration.value})}"
          }
        }
      }
    }

    data_format_conversion_configuration {
      enabled = true

      input_format_configuration {
        deserializer {
          open_x_json_ser_de {
            case_insensitive                         = true
            convert_dots_in_json_keys_to_underscores = var.convert_dots_in_json_keys_to_underscores
            column_to_json_key_mappings              = length(var.json_key_mappings) > 0 ? var.json_key_mappings : null
          }
        }
      }

      output_format_configuration {
        serializer {
          parquet_ser_de {
            compression = var.parquet_compression
          }
        }
      }

      schema_configuration {
        catalog_id    = local.account_id
        region        = local.region
        database_name = var.glue_database
        table_name    = var.table_columns != null ? one(aws_glue_catalog_table.this[*].name) : var.glue_table
        role_arn      = aws_iam_role.firehose.arn
        version_id    = "LATEST"
      }
    }
  }

  tags = local.tags

  # Firehose checks its role's permissions when the stream is created.
  depends_on = [
    aws_iam_role_policy.firehose,
    aws_lakeformation_permissions.table,
  ]
}
