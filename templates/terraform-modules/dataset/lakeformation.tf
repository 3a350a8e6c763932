# Registers the dataset's location with Lake Formation so that consumers (use cases) are granted
# access with Lake Formation permissions, which the portal's granter manages. Lake Formation reads
# and writes the location with a data-access role limited to this prefix and this key.

data "aws_iam_policy_document" "lake_formation_trust" {
  count = local.create_lake_formation_role ? 1 : 0

  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lakeformation.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

data "aws_iam_policy_document" "lake_formation_access" {
  count = local.create_lake_formation_role ? 1 : 0

  statement {
    sid       = "ListDatasetPrefix"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [local.prefix, "${local.prefix}/*"]
    }
  }

  statement {
    sid       = "ReadWriteDatasetObjects"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = ["${local.location_arn}/*"]
  }

  statement {
    sid       = "UseDatasetKey"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [local.kms_key_arn]
  }
}

locals {
  create_lake_formation_role = var.register_with_lake_formation && var.lake_formation_role_arn == null
}

resource "aws_iam_role" "lake_formation" {
  count = local.create_lake_formation_role ? 1 : 0

  name                 = "${local.short_name}-lf-access"
  description          = "Lake Formation data access to dataset ${var.dataset_name} (hub ${var.hub})"
  assume_role_policy   = data.aws_iam_policy_document.lake_formation_trust[0].json
  permissions_boundary = var.iam_permissions_boundary_arn

  tags = local.tags
}

resource "aws_iam_role_policy" "lake_formation" {
  count = local.create_lake_formation_role ? 1 : 0

  name   = "dataset-location-access"
  role   = aws_iam_role.lake_formation[0].id
  policy = data.aws_iam_policy_document.lake_formation_access[0].json
}

resource "aws_lakeformation_resource" "this" {
  count = var.register_with_lake_formation ? 1 : 0

  arn      = local.location_arn
  role_arn = var.lake_formation_role_arn != null ? var.lake_formation_role_arn : one(aws_iam_role.lake_formation[*].arn)

  # The role must be able to use the location before Lake Formation vends credentials with it.
  depends_on = [aws_iam_role_policy.lake_formation]
}
