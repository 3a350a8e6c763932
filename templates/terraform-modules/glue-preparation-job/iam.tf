# The job's role: read the source table, write the target table, nothing else.

data "aws_iam_policy_document" "trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["glue.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "job" {
  name                 = "${local.short_name}-glue"
  description          = "Glue job ${local.job_name}"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  permissions_boundary = var.iam_permissions_boundary_arn

  tags = local.tags
}

data "aws_iam_policy_document" "job" {
  # --- Script ------------------------------------------------------------------------------------------
  statement {
    sid       = "ReadJobScript"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = [
      for key in concat([local.script_key], var.transform_script_path != null ? [local.transform_key] : []) :
      "arn:${local.partition}:s3:::${var.scripts_bucket_name}/${key}"
    ]
  }

  dynamic "statement" {
    for_each = var.scripts_kms_key_arn != null ? [var.scripts_kms_key_arn] : []

    content {
      sid       = "DecryptJobScript"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }

  # --- Source dataset: read only ---------------------------------------------------------------------
  statement {
    sid       = "ListSourceDataset"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.source_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [local.source_prefix, "${local.source_prefix}/*"]
    }
  }

  statement {
    sid       = "ReadSourceDataset"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${local.source_bucket_arn}/${local.source_prefix}/*"]
  }

  statement {
    sid       = "DecryptSourceDataset"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = [var.source_kms_key_arn]
  }

  statement {
    sid     = "ReadSourceTable"
    effect  = "Allow"
    actions = [
      "glue:GetDatabase",
      "glue:GetTable",
      "glue:GetPartition",
      "glue:GetPartitions",
      "glue:BatchGetPartition",
    ]
    resources = [local.glue_catalog_arn, local.source_glue_database_arn, local.source_glue_table_arn]
  }

  # --- Target dataset: only this table's prefix and the job's temporary prefix ----------------------
  statement {
    sid       = "LocateBuckets"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation"]
    resources = distinct([local.source_bucket_arn, local.target_bucket_arn])
  }

  statement {
    sid       = "ListTargetDataset"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.target_bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [local.target_prefix, "${local.target_prefix}/*"]
    }
  }

  statement {
    sid       = "ReadWriteTargetTable"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
    resources = [
      "${local.target_bucket_arn}/${local.target_table_key}/*",
      "${local.target_bucket_arn}/${local.temporary_key}/*",
    ]
  }

  statement {
    sid       = "UseTargetDatasetKey"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [var.target_kms_key_arn]
  }

  statement {
    sid       = "ReadTargetDatabase"
    effect    = "Allow"
    actions   = ["glue:GetDatabase"]
    resources = [local.glue_catalog_arn, local.target_glue_database_arn]
  }

  statement {
    sid     = "ManageTargetTable"
    effect  = "Allow"
    actions = [
      "glue:GetTable",
      "glue:CreateTable",
      "glue:UpdateTable",
      "glue:GetPartition",
      "glue:GetPartitions",
      "glue:BatchGetPartition",
      "glue:CreatePartition",
      "glue:BatchCreatePartition",
      "glue:UpdatePartition",
      "glue:BatchUpdatePartition",
      "glue:BatchDeletePartition",
    ]
    resources = [local.glue_catalog_arn, local.target_glue_database_arn, local.target_glue_table_arn]
  }

  # Lake Formation vends credentials for registered locations; its own permissions decide what is allowed.
  statement {
    sid       = "LakeFormationDataAccess"
    effect    = "Allow"
    actions   = ["lakeformation:GetDataAccess"]
    resources = ["*"]
  }

  # --- Logs, metrics, bookmarks ----------------------------------------------------------------------
  statement {
    sid     = "WriteJobLogs"
    effect  = "Allow"
    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:AssociateKmsKey",
    ]
    resources = [
      "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws-glue/*",
      "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws-glue/*:log-stream:*",
    ]
  }

  statement {
    sid       = "PutGlueMetrics"
    effect    = "Allow"
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "cloudwatch:namespace"
      values   = ["Glue"]
    }
  }

  statement {
    sid       = "UseOperationalKey"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [local.ops_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "job" {
  name   = "preparation"
  role   = aws_iam_role.job.id
  policy = data.aws_iam_policy_document.job.json
}
