resource "aws_s3_object" "script" {
  bucket = var.scripts_bucket_name
  key    = local.script_key
  source = "${path.module}/scripts/jdbc_ingest.py"
  # etag is not the MD5 of an SSE-KMS object; source_hash re-uploads on every change of the script.
  source_hash  = filemd5("${path.module}/scripts/jdbc_ingest.py")
  content_type = "text/x-python"

  server_side_encryption = var.scripts_kms_key_arn != null ? "aws:kms" : null
  kms_key_id             = var.scripts_kms_key_arn

  tags = local.tags
}

# Everything the job writes is encrypted: S3 output with the dataset key, job bookmarks and the
# CloudWatch logs Glue creates itself with the operational key.
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
      "--source_table"             = var.source_table
      "--source_query"             = var.source_query
      "--parallel_read_column"     = var.parallel_read_column
      "--parallel_read_partitions" = var.parallel_read_column != null ? tostring(var.parallel_read_partitions) : null
      "--pii_columns"              = local.pii_enabled ? join(",", var.pii_columns) : null
      "--pii_secret_id"            = local.pii_enabled ? var.pii_secret_arn : null
      "--table_description"        = var.table_description
    } : k => v if v != null
  }
}

resource "aws_glue_job" "this" {
  name              = local.job_name
  description       = "Copies ${coalesce(var.source_table, "a query")} from ${local.source_engine} into ${var.target_glue_database}.${var.target_glue_table} (hub ${var.hub})"
  role_arn          = aws_iam_role.job.arn
  glue_version      = "4.0"
  worker_type       = var.worker_type
  number_of_workers = var.number_of_workers
  timeout           = var.timeout_minutes
  max_retries       = var.max_retries
  connections       = [aws_glue_connection.jdbc.name]

  security_configuration = aws_glue_security_configuration.this.name

  command {
    name            = "glueetl"
    script_location = "s3://${var.scripts_bucket_name}/${aws_s3_object.script.key}"
    python_version  = "3"
  }

  execution_property {
    # A snapshot must not run twice at once: two runs would purge each other's partition.
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

    "--connection_name"  = aws_glue_connection.jdbc.name
    "--source_engine"    = local.source_engine
    "--target_path"      = local.target_table_path
    "--target_database"  = var.target_glue_database
    "--target_table"     = var.target_glue_table
    "--partition_column" = var.partition_column
  })

  tags = local.tags

  lifecycle {
    precondition {
      condition     = (var.source_table == null) != (var.source_query == null)
      error_message = "Set exactly one of source_table and source_query."
    }

    precondition {
      condition     = !local.pii_enabled || (var.pii_secret_arn != null && var.pii_kms_key_arn != null)
      error_message = "pii_columns needs pii_secret_arn and pii_kms_key_arn (the pseudonymisation key and the security account's KMS key protecting it)."
    }

    precondition {
      condition     = !contains([for c in var.pii_columns : lower(c)], var.partition_column)
      error_message = "partition_column must not be a PII column: partition values appear in S3 keys in clear text."
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
