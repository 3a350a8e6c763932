# The delivery role: write the table's prefix and the error prefix, read the table's schema, use the
# named keys, write its own log stream and (optionally) read the source Kinesis stream.

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["firehose.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "firehose" {
  name                 = "${local.short_name}-firehose"
  description          = "Firehose delivery stream ${local.stream_name}"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  permissions_boundary = var.iam_permissions_boundary_arn

  tags = local.tags
}

data "aws_iam_policy_document" "firehose" {
  statement {
    sid       = "LocateTargetBucket"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation", "s3:ListBucketMultipartUploads"]
    resources = [local.target_bucket_arn]
  }

  statement {
    sid       = "ListTargetPrefixes"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.target_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [local.table_key, "${local.table_key}/*", local.errors_key, "${local.errors_key}/*"]
    }
  }

  statement {
    sid       = "WriteTableAndErrors"
    effect    = "Allow"
    actions   = ["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload"]
    resources = [
      "${local.target_bucket_arn}/${local.table_key}/*",
      "${local.target_bucket_arn}/${local.errors_key}/*",
    ]
  }

  statement {
    sid       = "EncryptWithDatasetKeyThroughS3"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.target_kms_key_arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.${local.dns_suffix}"]
    }

    # The bucket ARN is the context with S3 Bucket Keys, the object ARN without.
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = [local.target_bucket_arn, "${local.target_bucket_arn}/${local.table_key}/*", "${local.target_bucket_arn}/${local.errors_key}/*"]
    }
  }

  statement {
    sid       = "ReadTableSchema"
    effect    = "Allow"
    actions   = ["glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"]
    resources = [local.glue_catalog_arn, local.glue_database_arn, local.glue_table_arn]
  }

  statement {
    sid       = "WriteDeliveryLogs"
    effect    = "Allow"
    actions   = ["logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.firehose.arn}:log-stream:${local.log_stream_name}"]
  }

  dynamic "statement" {
    for_each = var.kinesis_stream_arn != null ? [var.kinesis_stream_arn] : []

    content {
      sid       = "ReadSourceStream"
      effect    = "Allow"
      actions   = ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = var.kinesis_stream_arn != null && var.kinesis_stream_kms_key_arn != null ? [var.kinesis_stream_kms_key_arn] : []

    content {
      sid       = "DecryptSourceStream"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["kinesis.${local.region}.${local.dns_suffix}"]
      }
    }
  }
}

resource "aws_iam_role_policy" "firehose" {
  name   = "delivery"
  role   = aws_iam_role.firehose.id
  policy = data.aws_iam_policy_document.firehose.json
}
