# The job's role: exactly what one JDBC ingest needs, on the named resources only.

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
  # --- Credentials ---------------------------------------------------------------------------------
  statement {
    sid       = "ReadDatabaseCredentials"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = [var.credentials_secret_arn]
  }

  dynamic "statement" {
    for_each = var.credentials_secret_kms_key_arn != null ? [var.credentials_secret_kms_key_arn] : []

    content {
      sid       = "DecryptDatabaseCredentials"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${local.region}.${local.dns_suffix}"]
      }
    }
  }

  # --- PII pseudonymisation key (hub security account) ----------------------------------------------
  dynamic "statement" {
    for_each = local.pii_enabled ? [var.pii_secret_arn] : []

    content {
      sid       = "ReadPseudonymisationKey"
      effect    = "Allow"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [statement.value]
    }
  }

  dynamic "statement" {
    for_each = local.pii_enabled ? [var.pii_kms_key_arn] : []

    content {
      sid       = "DecryptPseudonymisationKeyViaSecretsManager"
      effect    = "Allow"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      # Secrets Manager decrypts in the secret's own region (taken from its ARN).
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${split(":", var.pii_secret_arn)[3]}.${local.dns_suffix}"]
      }
    }
  }

  # --- Script ------------------------------------------------------------------------------------------
  statement {
    sid       = "ReadJobScript"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${var.scripts_bucket_name}/${local.script_key}"]
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

  # --- Target dataset: only this table's prefix and the job's temporary prefix ----------------------
  statement {
    sid       = "LocateTargetBucket"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation"]
    resources = [local.target_bucket_arn]
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

  # --- Glue Data Catalog: the target database and table only ----------------------------------------
  statement {
    sid       = "ReadTargetDatabase"
    effect    = "Allow"
    actions   = ["glue:GetDatabase"]
    resources = [local.glue_catalog_arn, local.glue_database_arn]
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
    ]
    resources = [local.glue_catalog_arn, local.glue_database_arn, local.glue_table_arn]
  }

  statement {
    sid       = "ReadOwnConnection"
    effect    = "Allow"
    actions   = ["glue:GetConnection"]
    resources = [local.glue_catalog_arn, aws_glue_connection.jdbc.arn]
  }

  # Lake Formation vends credentials for registered locations; its own permissions decide what is allowed.
  statement {
    sid       = "LakeFormationDataAccess"
    effect    = "Allow"
    actions   = ["lakeformation:GetDataAccess"]
    resources = ["*"]
  }

  # --- Network interfaces in the private subnet (Glue creates them with this role) ----------------
  statement {
    sid     = "DescribeNetwork"
    effect  = "Allow"
    actions = [
      "ec2:DescribeVpcEndpoints",
      "ec2:DescribeRouteTables",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcAttribute",
      "ec2:DescribeVpcs",
    ]
    # Describe* actions do not support resource-level permissions.
    resources = ["*"]
  }

  statement {
    sid       = "CreateJobNetworkInterfaces"
    effect    = "Allow"
    actions   = ["ec2:CreateNetworkInterface"]
    resources = [
      "arn:${local.partition}:ec2:${local.region}:${local.account_id}:network-interface/*",
      "arn:${local.partition}:ec2:${local.region}:${local.account_id}:subnet/${var.subnet_id}",
      "arn:${local.partition}:ec2:${local.region}:${local.account_id}:security-group/${aws_security_group.glue.id}",
    ]
  }

  statement {
    sid       = "DeleteJobNetworkInterfaces"
    effect    = "Allow"
    actions   = ["ec2:DeleteNetworkInterface"]
    resources = ["arn:${local.partition}:ec2:${local.region}:${local.account_id}:network-interface/*"]

    condition {
      test     = "ArnEquals"
      variable = "ec2:Subnet"
      values   = ["arn:${local.partition}:ec2:${local.region}:${local.account_id}:subnet/${var.subnet_id}"]
    }
  }

  statement {
    sid       = "TagJobNetworkInterfaces"
    effect    = "Allow"
    actions   = ["ec2:CreateTags", "ec2:DeleteTags"]
    resources = ["arn:${local.partition}:ec2:${local.region}:${local.account_id}:network-interface/*"]

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = ["aws-glue-service-resource"]
    }
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
  name   = "jdbc-ingest"
  role   = aws_iam_role.job.id
  policy = data.aws_iam_policy_document.job.json
}
