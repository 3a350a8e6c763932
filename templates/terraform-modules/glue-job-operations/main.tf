# The operational parts every Data Hub Glue job shares: an operational KMS key (unless one is
# passed in), the job's encrypted CloudWatch log group, and a failure alarm (Glue Job State Change
# FAILED / TIMEOUT -> EventBridge -> encrypted SNS topic). Used by glue-jdbc-ingest and
# glue-preparation-job.

data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id

  ops_kms_key_arn = var.ops_kms_key_arn != null ? var.ops_kms_key_arn : one(aws_kms_key.ops[*].arn)
  alarm_topic_arn = var.alarm_topic_arn != null ? var.alarm_topic_arn : one(aws_sns_topic.alarms[*].arn)
}

# --- Operational KMS key (logs, bookmarks, alarm topic), unless one is passed in ---------------------
data "aws_iam_policy_document" "ops_kms" {
  count = var.ops_kms_key_arn == null ? 1 : 0

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

  statement {
    sid       = "CloudWatchLogsForGlueLogGroups"
    effect    = "Allow"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.${local.dns_suffix}"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws-glue/*"]
    }
  }

  statement {
    sid       = "EventBridgeToEncryptedAlarmTopic"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "ops" {
  count = var.ops_kms_key_arn == null ? 1 : 0

  description             = "Cloud Data Hub Glue job ${var.job_name}: logs, bookmarks, alarms"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.ops_kms[0].json

  tags = var.tags
}

resource "aws_kms_alias" "ops" {
  count = var.ops_kms_key_arn == null ? 1 : 0

  name          = "alias/cdh/${var.hub}/${var.job_name}"
  target_key_id = aws_kms_key.ops[0].key_id
}

# --- Logs -------------------------------------------------------------------------------------------
resource "aws_cloudwatch_log_group" "job" {
  name              = var.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = local.ops_kms_key_arn

  tags = var.tags
}

# --- Failure alarm: Glue Job State Change FAILED / TIMEOUT -> SNS --------------------------------------
resource "aws_sns_topic" "alarms" {
  count = var.alarm_topic_arn == null ? 1 : 0

  name              = "${var.short_name}-alarms"
  display_name      = "Cloud Data Hub ${var.hub}: ${var.job_name}"
  kms_master_key_id = local.ops_kms_key_arn

  tags = var.tags
}

data "aws_iam_policy_document" "alarms" {
  count = var.alarm_topic_arn == null ? 1 : 0

  statement {
    sid       = "EventBridgePublishesJobFailures"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms[0].arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_event_rule.job_failed.arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sns:Publish", "sns:Subscribe"]
    resources = [aws_sns_topic.alarms[0].arn]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  count = var.alarm_topic_arn == null ? 1 : 0

  arn    = aws_sns_topic.alarms[0].arn
  policy = data.aws_iam_policy_document.alarms[0].json
}

resource "aws_sns_topic_subscription" "email" {
  for_each = var.alarm_topic_arn == null ? toset(var.alarm_email_addresses) : toset([])

  topic_arn = aws_sns_topic.alarms[0].arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_event_rule" "job_failed" {
  name        = "${var.short_name}-failed"
  description = "Glue job ${var.job_name} failed or timed out"

  event_pattern = jsonencode({
    source        = ["aws.glue"]
    "detail-type" = ["Glue Job State Change"]
    detail        = {
      jobName = [var.job_name]
      state   = ["FAILED", "TIMEOUT"]
    }
  })

  tags = var.tags
}

resource "aws_cloudwatch_event_target" "job_failed" {
  rule      = aws_cloudwatch_event_rule.job_failed.name
  target_id = "sns"
  arn       = local.alarm_topic_arn

  # Placeholders outside quotes are inserted as JSON values, so messages with quotes stay valid JSON.
  input_transformer {
    input_paths = {
      job     = "$.detail.jobName"
      state   = "$.detail.state"
      run     = "$.detail.jobRunId"
      message = "$.detail.message"
      time    = "$.time"
    }
    input_template = <<-EOT
      {"alarm": "${var.alarm_title}", "hub": "${var.hub}", "dataset": "${var.dataset_name}", "table": "${var.table}", "job": <job>, "state": <state>, "runId": <run>, "time": <time>, "message": <message>}
    EOT
  }
}
