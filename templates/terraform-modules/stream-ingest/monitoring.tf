# Operational key, delivery logs and the delivery alarms.

# --- Operational KMS key (log group, alarm topic), unless one is passed in -----------------------------
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
    sid       = "CloudWatchLogsForFirehoseLogGroups"
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
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/kinesisfirehose/*"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsToEncryptedTopic"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "ops" {
  count = var.ops_kms_key_arn == null ? 1 : 0

  description             = "Cloud Data Hub delivery stream ${local.stream_name}: logs, alarms"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.ops_kms[0].json

  tags = local.tags
}

resource "aws_kms_alias" "ops" {
  count = var.ops_kms_key_arn == null ? 1 : 0

  name          = "alias/cdh/${var.hub}/${local.stream_name}"
  target_key_id = aws_kms_key.ops[0].key_id
}

# --- Delivery logs (Firehose writes to an existing stream only) ---------------------------------------
resource "aws_cloudwatch_log_group" "firehose" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = local.ops_kms_key_arn

  tags = local.tags
}

resource "aws_cloudwatch_log_stream" "delivery" {
  name           = local.log_stream_name
  log_group_name = aws_cloudwatch_log_group.firehose.name
}

# --- Alarms: late delivery, records that do not fit the schema ------------------------------------------
resource "aws_sns_topic" "alarms" {
  count = var.alarm_topic_arn == null ? 1 : 0

  name              = "${local.short_name}-alarms"
  display_name      = "Cloud Data Hub ${var.hub}: ${local.stream_name}"
  kms_master_key_id = local.ops_kms_key_arn

  tags = local.tags
}

data "aws_iam_policy_document" "alarms" {
  count = var.alarm_topic_arn == null ? 1 : 0

  statement {
    sid       = "CloudWatchAlarmsPublish"
    effect    = "Allow"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms[0].arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [aws_cloudwatch_metric_alarm.data_freshness.arn, aws_cloudwatch_metric_alarm.failed_conversion.arn]
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

resource "aws_cloudwatch_metric_alarm" "data_freshness" {
  alarm_name        = "${local.stream_name}-data-freshness"
  alarm_description = "Records of ${var.dataset_name} (${var.glue_database}.${var.glue_table}) wait longer than ${var.data_freshness_alarm_seconds} s for delivery to S3"

  namespace           = "AWS/Firehose"
  metric_name         = "DeliveryToS3.DataFreshness"
  dimensions          = { DeliveryStreamName = aws_kinesis_firehose_delivery_stream.this.name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.data_freshness_alarm_seconds
  treat_missing_data  = "notBreaching"

  alarm_actions = [local.alarm_topic_arn]
  ok_actions    = [local.alarm_topic_arn]

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "failed_conversion" {
  alarm_name        = "${local.stream_name}-failed-conversion"
  alarm_description = "Records of ${var.dataset_name} do not fit the schema of ${var.glue_database}.${var.glue_table}; they are in ${var.target_location}_errors/${var.glue_table}/"

  namespace           = "AWS/Firehose"
  metric_name         = "FailedConversion.Records"
  dimensions          = { DeliveryStreamName = aws_kinesis_firehose_delivery_stream.this.name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"

  alarm_actions = [local.alarm_topic_arn]

  tags = local.tags
}
