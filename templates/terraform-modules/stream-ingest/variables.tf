# ---------------------------------------------------------------------------------------------------------------------
# Identity
# ---------------------------------------------------------------------------------------------------------------------

variable "hub" {
  description = "Hub (market / legal entity) the target dataset lives in, as named in the portal's dataHub.hubs, e.g. global, us, cn."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$", var.hub))
    error_message = "hub must be 1-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "dataset_name" {
  description = "Name of the target source-layer dataset (its catalog entity name), e.g. vehicle-telemetry-source. Used for naming and tagging."
  type        = string

  validation {
    condition     = length(var.dataset_name) <= 63 && can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", var.dataset_name))
    error_message = "dataset_name must be at most 63 characters of lowercase letters and digits, separated by single hyphens."
  }
}

variable "stream_name" {
  description = "Name of the Firehose delivery stream. Defaults to cdh-<hub>-<dataset_name>-<glue_table>, shortened with a hash when longer than 64 characters."
  type        = string
  default     = null

  validation {
    condition     = var.stream_name == null || can(regex("^[a-zA-Z0-9_.-]{1,64}$", var.stream_name))
    error_message = "stream_name must be 1-64 letters, digits, '_', '.' or '-'."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Source of the records
# ---------------------------------------------------------------------------------------------------------------------

variable "kinesis_stream_arn" {
  description = "ARN of a Kinesis Data Stream the delivery stream reads from. null creates a Direct PUT stream (producers call firehose:PutRecord / PutRecordBatch)."
  type        = string
  default     = null

  validation {
    condition     = var.kinesis_stream_arn == null || can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[a-zA-Z0-9_.-]{1,128}$", var.kinesis_stream_arn))
    error_message = "kinesis_stream_arn must be a Kinesis Data Stream ARN or null."
  }
}

variable "kinesis_stream_kms_key_arn" {
  description = "ARN of the customer-managed KMS key encrypting the Kinesis Data Stream (server-side encryption); the role may decrypt with it through Kinesis. null when the stream is unencrypted or uses aws/kinesis."
  type        = string
  default     = null

  validation {
    condition     = var.kinesis_stream_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kinesis_stream_kms_key_arn))
    error_message = "kinesis_stream_kms_key_arn must be a KMS key ARN or null."
  }
}

variable "stream_encryption_kms_key_arn" {
  description = "Customer-managed KMS key encrypting records at rest inside a Direct PUT delivery stream. null uses target_kms_key_arn. Ignored with kinesis_stream_arn (the data stream's own encryption applies)."
  type        = string
  default     = null

  validation {
    condition     = var.stream_encryption_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.stream_encryption_kms_key_arn))
    error_message = "stream_encryption_kms_key_arn must be a KMS key ARN or null."
  }
}

variable "json_key_mappings" {
  description = "Column name -> JSON key, for JSON keys that are not valid column names (OpenX JSON SerDe column_to_json_key_mappings), e.g. { event_time = \"eventTime\" }."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for c, k in var.json_key_mappings : can(regex("^[a-z_][a-z0-9_]{0,127}$", c)) && length(k) > 0])
    error_message = "json_key_mappings must map lowercase column names to non-empty JSON keys."
  }
}

variable "convert_dots_in_json_keys_to_underscores" {
  description = "Turn dots in JSON keys into underscores (a.b -> a_b) when matching them to columns."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------------------------------------------------------------
# Target: a source-layer dataset (see the dataset module's outputs) and the Glue table giving the schema
# ---------------------------------------------------------------------------------------------------------------------

variable "target_location" {
  description = "S3 URI of the target dataset's root, with trailing slash (the dataset module's `location` output). Records land in <target_location><glue_table>/<partition_column>=yyyy-MM-dd/; records that fail go to <target_location>_errors/<glue_table>/."
  type        = string

  validation {
    condition     = can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([a-zA-Z0-9_.-]+/)+$", var.target_location))
    error_message = "target_location must look like s3://bucket/prefix/ (with a non-empty prefix and a trailing slash)."
  }
}

variable "target_kms_key_arn" {
  description = "ARN of the target dataset's customer-managed KMS key (the dataset module's `kms_key_arn` output); every object the stream writes is encrypted with it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.target_kms_key_arn))
    error_message = "target_kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>)."
  }
}

variable "glue_database" {
  description = "Glue database of the target dataset (the dataset module's `glue_database_name` output)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.glue_database))
    error_message = "glue_database must be 1-255 lowercase letters, digits or underscores."
  }
}

variable "glue_table" {
  description = "Glue table whose schema the records are converted to Parquet with; created by the module when table_columns is set, otherwise it must exist."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.glue_table))
    error_message = "glue_table must be 1-255 lowercase letters, digits or underscores."
  }
}

variable "table_columns" {
  description = "Columns of the Glue table the module creates (Hive types such as string, bigint, double, boolean, timestamp, decimal(10,2), array<string>, struct<a:int>); pii = true sets the column parameter clouddatahub:pii. null uses an existing table."
  type        = list(object({
    name    = string
    type    = string
    comment = optional(string)
    pii     = optional(bool, false)
  }))
  default = null

  validation {
    condition = var.table_columns == null || try(
      length(var.table_columns) > 0 &&
      alltrue([for c in var.table_columns : can(regex("^[a-z_][a-z0-9_]{0,127}$", c.name)) && length(trimspace(c.type)) > 0]) &&
      length(distinct([for c in var.table_columns : c.name])) == length(var.table_columns),
      false
    )
    error_message = "table_columns must hold at least one column, with unique lowercase names and a type each."
  }
}

variable "table_description" {
  description = "Description of the Glue table the module creates, shown on the dataset's Schema card."
  type        = string
  default     = null

  validation {
    condition     = var.table_description == null || try(length(var.table_description) <= 2048, false)
    error_message = "table_description must be at most 2048 characters."
  }
}

variable "partition_column" {
  description = "Date partition column (yyyy-MM-dd) in the S3 keys and, for a created table, its partition key."
  type        = string
  default     = "dt"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,127}$", var.partition_column))
    error_message = "partition_column must be a lowercase column name."
  }
}

variable "dynamic_partition_jq" {
  description = "jq expression (JQ-1.6) computing the partition date yyyy-MM-dd from each record, e.g. .event_time[0:10] for an ISO-8601 string or (.ts | strftime(\"%Y-%m-%d\")) for epoch seconds. Enables Firehose dynamic partitioning by event date. null partitions by arrival time (UTC)."
  type        = string
  default     = null

  validation {
    condition     = var.dynamic_partition_jq == null || try(length(trimspace(var.dynamic_partition_jq)) > 0 && length(var.dynamic_partition_jq) <= 512, false)
    error_message = "dynamic_partition_jq must be a non-empty jq expression of at most 512 characters."
  }
}

variable "enable_partition_projection" {
  description = "For a created table: enable Athena partition projection on partition_column, so new days are queryable without registering partitions (Glue Spark jobs do not use projection; the glue-preparation-job script reads such tables from S3)."
  type        = bool
  default     = true
}

variable "partition_projection_range" {
  description = "Range of projected dates, as Athena's projection.<column>.range, e.g. NOW-3YEARS,NOW or 2024-01-01,NOW."
  type        = string
  default     = "NOW-3YEARS,NOW"

  validation {
    condition     = can(regex("^(\\d{4}-\\d{2}-\\d{2}|NOW([+-]\\d+(YEARS|MONTHS|WEEKS|DAYS))?),(\\d{4}-\\d{2}-\\d{2}|NOW([+-]\\d+(YEARS|MONTHS|WEEKS|DAYS))?)$", var.partition_projection_range))
    error_message = "partition_projection_range must be <start>,<end> with each a yyyy-MM-dd date or NOW[+-]<n><YEARS|MONTHS|WEEKS|DAYS>."
  }
}

variable "parquet_compression" {
  description = "Compression of the Parquet files: SNAPPY, GZIP or UNCOMPRESSED."
  type        = string
  default     = "SNAPPY"

  validation {
    condition     = contains(["SNAPPY", "GZIP", "UNCOMPRESSED"], var.parquet_compression)
    error_message = "parquet_compression must be SNAPPY, GZIP or UNCOMPRESSED."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Delivery
# ---------------------------------------------------------------------------------------------------------------------

variable "buffering_size_mb" {
  description = "Size of the buffer before a file is written, in MiB (64-128: Parquet conversion needs at least 64)."
  type        = number
  default     = 128

  validation {
    condition     = var.buffering_size_mb >= 64 && var.buffering_size_mb <= 128 && floor(var.buffering_size_mb) == var.buffering_size_mb
    error_message = "buffering_size_mb must be a whole number between 64 and 128."
  }
}

variable "buffering_interval_seconds" {
  description = "Longest time records are buffered before a file is written, in seconds (60-900)."
  type        = number
  default     = 300

  validation {
    condition     = var.buffering_interval_seconds >= 60 && var.buffering_interval_seconds <= 900 && floor(var.buffering_interval_seconds) == var.buffering_interval_seconds
    error_message = "buffering_interval_seconds must be a whole number between 60 and 900."
  }
}

variable "log_retention_days" {
  description = "Retention of the delivery stream's CloudWatch log group, in days."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "ops_kms_key_arn" {
  description = "ARN of a customer-managed KMS key for operational data (the delivery log group, the alarm topic). Its key policy must let CloudWatch Logs (for /aws/kinesisfirehose/* log groups) and CloudWatch alarms use it. null creates such a key."
  type        = string
  default     = null

  validation {
    condition     = var.ops_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.ops_kms_key_arn))
    error_message = "ops_kms_key_arn must be a KMS key ARN or null."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Alarms
# ---------------------------------------------------------------------------------------------------------------------

variable "alarm_topic_arn" {
  description = "ARN of an existing SNS topic receiving the delivery alarms (its policy must let cloudwatch.amazonaws.com publish). null creates an encrypted topic."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", var.alarm_topic_arn))
    error_message = "alarm_topic_arn must be an SNS topic ARN or null."
  }
}

variable "alarm_email_addresses" {
  description = "E-mail addresses subscribed to the alarm topic the module creates (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_email_addresses : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_email_addresses must be e-mail addresses."
  }
}

variable "data_freshness_alarm_seconds" {
  description = "Alarm when the oldest record not yet delivered to S3 is older than this many seconds (DeliveryToS3.DataFreshness) for 15 minutes."
  type        = number
  default     = 1800

  validation {
    condition     = var.data_freshness_alarm_seconds >= 60 && floor(var.data_freshness_alarm_seconds) == var.data_freshness_alarm_seconds
    error_message = "data_freshness_alarm_seconds must be a whole number of at least 60."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Governance
# ---------------------------------------------------------------------------------------------------------------------

variable "manage_lake_formation_permissions" {
  description = "Grant the delivery role DESCRIBE on the Glue table in Lake Formation (needed to read the schema of a table in a Lake-Formation-governed database). Requires the deploying principal to be a Lake Formation administrator."
  type        = bool
  default     = true
}

variable "iam_permissions_boundary_arn" {
  description = "ARN of a permissions boundary attached to the delivery stream's IAM role. null attaches none."
  type        = string
  default     = null

  validation {
    condition     = var.iam_permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", var.iam_permissions_boundary_arn))
    error_message = "iam_permissions_boundary_arn must be an IAM policy ARN or null."
  }
}

variable "tags" {
  description = "Additional AWS tags for every taggable resource. The standard tags clouddatahub:hub, clouddatahub:layer (source) and clouddatahub:dataset are always set and cannot be overridden."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for k, v in var.tags : length(k) >= 1 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")
    ])
    error_message = "tag keys must be 1-128 characters and not start with aws:, tag values at most 256 characters."
  }
}
