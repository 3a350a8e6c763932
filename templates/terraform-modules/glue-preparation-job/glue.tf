resource "aws_s3_object" "script" {
  bucket = var.scripts_bucket_name
  key    = local.script_key
  source = "${path.module}/scripts/prepare.py"
  # etag is not the MD5 of an SSE-KMS object; source_hash re-uploads on every change of the script.
  source_hash  = filemd5("${path.module}/scripts/prepare.py")
  content_type = "text/x-python"

  server_side_encryption = var.scripts_kms_key_arn != null ? "aws:kms" : null
  kms_key_id             = var.scripts_kms_key_arn

  tags = local.tags
}

# The repository's own transformation, importable by the job script as the module cdh_transform.
resource "aws_s3_object" "transform" {
  count = var.transform_script_path != null ? 1 : 0

  bucket       = var.scripts_bucket_name
  key          = local.transform_key
  source       = var.transform_script_path
  source_hash  = filemd5(var.transform_script_path)
  content_type = "text/x-python"

  server_side_encryption = var.scripts_kms_key_arn != null ? "aws:kms" : null
  kms_key_id             = var.scripts_kms_key_arn

  tags = local.tags
}

# Everything the job writes is encrypted: S3 output with the target dataset key, job bookmarks and
# the CloudWatch logs Glue creates itself with the operational key.
resource "aws_glue_security_configuration" "this" {
  name = local.job_name

  encryption_configuration {
    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = var.target_kms_key_arn
    }

    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = local.ops_kms_key_arn
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = local.ops_kms_key_arn
    }
  }
}

locals {
  # Optional arguments are left out rather than passed empty: the script reads them as optional.
  optional_job_arguments = {
    for k, v in {
      "--order_by_column"         = var.order_by_column
      "--column_types"            = length(var.column_types) > 0 ? jsonencode(var.column_types) : null
      "--drop_columns"            = length(var.drop_columns) > 0 ? join(",", var.drop_columns) : null
      "--source_partition_column" = var.source_partition_column
      "--lookback_days"           = var.lookback_days != null ? tostring(var.lookback_days) : null
      "--table_description"       = var.table_description
      "--extra-py-files"          = var.transform_script_path != null ? "s3://${var.scripts_bucket_name}/${aws_s3_object.transform[0].key}" : null
      "--transform_module"        = var.transform_script_path != null ? "cdh_transform" : null
    } : k => v if v != null
  }
}

resource "aws_glue_job" "this" {
  name              = local.job_name
  description       = "Prepares ${var.source_glue_database}.${var.source_glue_table} into ${var.target_glue_database}.${var.target_glue_table} (hub ${var.hub}, ${var.layer})"
  role_arn          = aws_iam_role.job.arn
  glue_version      = "4.0"
  worker_type       = var.worker_type
  number_of_workers = var.number_of_workers
  timeout           = var.timeout_minutes
  max_retries       = var.max_retries

  security_configuration = aws_glue_security_configuration.this.name

  command {
    name            = "glueetl"
    script_location = "s3://${var.scripts_bucket_name}/${aws_s3_object.script.key}"
    python_version  = "3"
  }

  execution_property {
    # Two concurrent runs would purge each other's partitions.
    max_concurrent_runs = 1
  }

  default_arguments = merge(local.optional_job_arguments, {
    "--job-language"                     = "python"
    "--enable-auto-scaling"              = "true"
    "--enable-metrics"                   = "true"
    "--enable-observability-metrics"     = "true"
    "--enable-continuous-cloudwatch-log" = "true"
    "--enable-continuous-log-filter"     = "true"
    "--continuous-log-logGroup"          = module.operations.log_group_name
    "--enable-glue-datacatalog"          = "true"
    "--job-bookmark-option"              = "job-bookmark-disable"
    "--TempDir"                          = local.temporary_path

    "--source_database"        = var.source_glue_database
    "--source_table"           = var.source_glue_table
    "--target_path"            = local.target_table_path
    "--target_database"        = var.target_glue_database
    "--target_table"           = var.target_glue_table
    "--partition_column"       = var.partition_column
    "--key_columns"            = join(",", var.key_columns)
    "--trim_strings"           = tostring(var.trim_strings)
    "--empty_strings_as_null"  = tostring(var.empty_strings_as_null)
    "--max_cast_failure_ratio" = tostring(var.max_cast_failure_ratio)
  })

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.lookback_days == null || var.source_partition_column != null
      error_message = "lookback_days needs source_partition_column (the date partition the window applies to)."
    }

    precondition {
      # With a window, a target partition is rewritten from the window's rows only; that is complete
      # only when target partitions are the source's partitions.
      condition     = var.lookback_days == null || var.partition_column == var.source_partition_column
      error_message = "With lookback_days, partition_column must equal source_partition_column; otherwise rewriting a target partition from a window of the source would drop its older rows."
    }

    precondition {
      condition     = !contains(var.drop_columns, var.partition_column) && length(setintersection(toset(var.drop_columns), toset(var.key_columns))) == 0
      error_message = "drop_columns must not contain the partition column or a key column."
    }

    precondition {
      condition     = var.source_glue_database != var.target_glue_database || var.source_glue_table != var.target_glue_table
      error_message = "The target table must differ from the source table."
    }
  }

  depends_on = [
    aws_iam_role_policy.job,
    module.operations,
  ]
}

resource "aws_glue_trigger" "schedule" {
  count = var.schedule != null ? 1 : 0

  name              = "${local.job_name}-schedule"
  description       = "Runs ${local.job_name} on ${var.schedule} (UTC)"
  type              = "SCHEDULED"
  schedule          = var.schedule
  enabled           = var.schedule_enabled
  start_on_creation = var.schedule_enabled

  actions {
    job_name = aws_glue_job.this.name
  }

  tags = local.tags
}

resource "aws_glue_trigger" "after_upstream" {
  count = var.start_after_job_name != null ? 1 : 0

  name              = "${local.job_name}-after-upstream"
  description       = "Runs ${local.job_name} when ${var.start_after_job_name} succeeded"
  type              = "CONDITIONAL"
  enabled           = var.schedule_enabled
  start_on_creation = var.schedule_enabled

  predicate {
    conditions {
      job_name         = var.start_after_job_name
      state            = "SUCCEEDED"
      logical_operator = "EQUALS"
    }
  }

  actions {
    job_name = aws_glue_job.this.name
  }

  tags = local.tags
}
