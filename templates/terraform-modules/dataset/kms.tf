# A dedicated customer-managed key for the dataset, unless one is passed in (kms_key_arn).
# The key policy only enables IAM policies of this account: every use of the key (writers,
# the Lake Formation data-access role, consumers through Lake Formation) is granted by an IAM
# policy naming this key, never by a broad key policy.

data "aws_iam_policy_document" "kms" {
  count = var.kms_key_arn == null ? 1 : 0

  statement {
    sid       = "EnableIamPoliciesOfThisAccount"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "this" {
  count = var.kms_key_arn == null ? 1 : 0

  description             = "Cloud Data Hub dataset ${var.dataset_name} (hub ${var.hub}, layer ${var.layer})"
  key_usage               = "ENCRYPT_DECRYPT"
  enable_key_rotation     = true
  deletion_window_in_days = var.kms_key_deletion_window_days
  policy                  = data.aws_iam_policy_document.kms[0].json

  tags = local.tags
}

resource "aws_kms_alias" "this" {
  count = var.kms_key_arn == null ? 1 : 0

  name          = "alias/cdh/${var.hub}/${var.dataset_name}"
  target_key_id = aws_kms_key.this[0].key_id
}
