# ---------------------------------------------------------------------------------------------------------------------
# Identity
# ---------------------------------------------------------------------------------------------------------------------

variable "hub" {
  description = "Hub (market / legal entity) the source and target datasets live in, as named in the portal's dataHub.hubs, e.g. global, us, cn."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$", var.hub))
    error_message = "hub must be 1-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "dataset_name" {
  description = "Name of the target dataset (its catalog entity name), e.g. sales-orders-prepared. Used for naming and tagging."
  type        = string

  validation {
    condition     = length(var.dataset_name) <= 63 && can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", var.dataset_name))
    error_message = "dataset_name must be at most 63 characters of lowercase letters and digits, separated by single hyphens."
  }
}

variable "layer" {
  description = "Layer of the target dataset: prepared (cleaned, harmonised; the usual case) or semantic."
  type        = string
  default     = "prepared"

  validation {
    condition     = contains(["prepared", "semantic"], var.layer)
    error_message = "layer must be prepared or semantic (a preparation job never writes the source layer)."
  }
}

variable "job_name" {
  description = "Name of the Glue job (and prefix of its triggers and security configuration). Defaults to cdh-<hub>-<dataset_name>-<target table>-prepare."
  type        = string
  default     = null

  validation {
    condition     = var.job_name == null || can(regex("^[a-zA-Z0-9][a-zA-Z0-9_-]{0,199}$", var.job_name))
    error_message = "job_name must be 1-200 letters, digits, '_' or '-', starting with a letter or digit."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Source: a table of an upstream dataset (normally source layer) in the same hub account
# ---------------------------------------------------------------------------------------------------------------------

variable "source_glue_database" {
  description = "Glue database of the upstream dataset, e.g. sales_orders_source."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.source_glue_database))
    error_message = "source_glue_database must be 1-255 lowercase letters, digits or underscores."
  }
}

variable "source_glue_table" {
  description = "Glue table read from the upstream dataset, e.g. orders."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.source_glue_table))
    error_message = "source_glue_table must be 1-255 lowercase letters, digits or underscores."
  }
}

variable "source_location" {
  description = "S3 URI of the upstream dataset's root, with trailing slash (its dataset module's `location` output); the job may read below it only."
  type        = string

  validation {
    condition     = can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([a-zA-Z0-9_.-]+/)+$", var.source_location))
    error_message = "source_location must look like s3://bucket/prefix/ (with a non-empty prefix and a trailing slash)."
  }
}

variable "source_kms_key_arn" {
  description = "ARN of the upstream dataset's KMS key (its dataset module's `kms_key_arn` output); the job may only decrypt with it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.source_kms_key_arn))
    error_message = "source_kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>)."
  }
}

variable "source_partition_column" {
  description = "Partition column of the source table holding dates as yyyy-MM-dd (e.g. dt). Used with lookback_days to read only recent partitions, and as the default ordering of duplicates (latest partition wins)."
  type        = string
  default     = null

  validation {
    condition     = var.source_partition_column == null || can(regex("^[a-z_][a-z0-9_]{0,127}$", var.source_partition_column))
    error_message = "source_partition_column must be a lowercase column name."
  }
}

variable "lookback_days" {
  description = "Read only the source partitions of the last N days (source_partition_column >= today - N, UTC) and rewrite only the target partitions they produce. null processes the whole source table and replaces the whole target table."
  type        = number
  default     = null

  validation {
    condition     = var.lookback_days == null || try(var.lookback_days >= 1 && var.lookback_days <= 3660 && floor(var.lookback_days) == var.lookback_days, false)
    error_message = "lookback_days must be a whole number between 1 and 3660, or null."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Preparation rules
# ---------------------------------------------------------------------------------------------------------------------

variable "key_columns" {
  description = "Columns identifying a row of the prepared table; rows with equal keys are deduplicated to one."
  type        = list(string)

  validation {
    condition     = length(var.key_columns) > 0 && alltrue([for c in var.key_columns : can(regex("^[a-z_][a-z0-9_]{0,127}$", c))])
    error_message = "key_columns must hold at least one lowercase column name."
  }
}

variable "order_by_column" {
  description = "Of rows with equal keys, the one with the greatest value of this column is kept (e.g. updated_at). null orders by source_partition_column when set, otherwise an arbitrary duplicate is kept."
  type        = string
  default     = null

  validation {
    condition     = var.order_by_column == null || can(regex("^[a-z_][a-z0-9_]{0,127}$", var.order_by_column))
    error_message = "order_by_column must be a lowercase column name."
  }
}

variable "column_types" {
  description = "Columns cast to a Spark SQL type, e.g. { order_date = \"date\", amount = \"decimal(12,2)\", quantity = \"int\" }. Values that do not convert become NULL and are counted (see max_cast_failure_ratio)."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for c, t in var.column_types :
      can(regex("^[a-z_][a-z0-9_]{0,127}$", c)) &&
      can(regex("^(string|boolean|tinyint|smallint|int|bigint|float|double|date|timestamp|decimal\\(([1-9]|[12][0-9]|3[0-8]),\\s?([0-9]|[12][0-9]|3[0-8])\\))$", t))
    ])
    error_message = "column_types must map lowercase column names to string, boolean, tinyint, smallint, int, bigint, float, double, date, timestamp or decimal(p,s) with p <= 38."
  }
}

variable "max_cast_failure_ratio" {
  description = "Largest share (0-1) of non-NULL values of a cast column allowed to become NULL because they do not convert; a run above it fails before writing."
  type        = number
  default     = 0.01

  validation {
    condition     = var.max_cast_failure_ratio >= 0 && var.max_cast_failure_ratio <= 1
    error_message = "max_cast_failure_ratio must be between 0 and 1."
  }
}

variable "trim_strings" {
  description = "Trim leading and trailing whitespace of every string column."
  type        = bool
  default     = true
}

variable "empty_strings_as_null" {
  description = "Turn empty strings (after trimming) into NULL."
  type        = bool
  default     = true
}

variable "drop_columns" {
  description = "Source columns left out of the prepared table."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.drop_columns : can(regex("^[a-z_][a-z0-9_]{0,127}$", c))])
    error_message = "drop_columns must be lowercase column names."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Target: the prepared dataset (see the dataset module's outputs)
# ---------------------------------------------------------------------------------------------------------------------

variable "target_location" {
  description = "S3 URI of the target dataset's root, with trailing slash (the dataset module's `location` output). The table is written to <target_location><target_glue_table>/."
  type        = string

  validation {
    condition     = can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([a-zA-Z0-9_.-]+/)+$", var.target_location))
    error_message = "target_location must look like s3://bucket/prefix/ (with a non-empty prefix and a trailing slash)."
  }
}

variable "target_kms_key_arn" {
  description = "ARN of the target dataset's customer-managed KMS key (the dataset module's `kms_key_arn` output); everything the job writes is encrypted with it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.target_kms_key_arn))
    error_message = "target_kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>)."
  }
}

variable "target_glue_database" {
  description = "Glue database of the target dataset (the dataset module's `glue_database_name` output)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.target_glue_database))
    error_message = "target_glue_database must be 1-255 lowercase letters, digits or underscores."
  }
}

variable "target_glue_table" {
  description = "Glue table the job creates and updates in the target database, e.g. orders."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_]{1,255}$", var.target_glue_table))
    error_message = "target_glue_table must be 1-255 lowercase letters, digits or underscores."
  }
}

variable "partition_column" {
  description = "Partition column of the prepared table; it must exist after the preparation (e.g. the source's dt, or a business date such as order_date cast to date)."
  type        = string
  default     = "dt"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_]{0,127}$", var.partition_column))
    error_message = "partition_column must be a lowercase column name (letters, digits, underscores)."
  }
}

variable "table_description" {
  description = "Description of the target Glue table, shown on the dataset's Schema card. null leaves it empty."
  type        = string
  default     = null

  validation {
    condition     = var.table_description == null || try(length(var.table_description) <= 2048, false)
    error_message = "table_description must be at most 2048 characters."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Job script and run-time
# ---------------------------------------------------------------------------------------------------------------------

variable "scripts_bucket_name" {
  description = "Existing S3 bucket the job script is uploaded to (a hub's artifacts bucket)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.scripts_bucket_name))
    error_message = "scripts_bucket_name must be a valid S3 bucket name."
  }
}

variable "scripts_prefix" {
  description = "Key prefix for scripts in the scripts bucket, without leading or trailing slash; the script lands at <prefix>/<job name>/prepare.py."
  type        = string
  default     = "glue-scripts"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]+(/[a-zA-Z0-9_.-]+)*$", var.scripts_prefix))
    error_message = "scripts_prefix must be path segments of letters, digits, '_', '.', '-' separated by '/', without leading or trailing slash."
  }
}

variable "transform_script_path" {
  description = "Path of a Python file of the calling repository (e.g. path.root + \"/jobs/transform.py\") defining transform(df, spark) -> DataFrame: the dataset's own business rules, applied after casting and before deduplication. The file is uploaded next to the job script as cdh_transform.py. null applies none."
  type        = string
  default     = null

  validation {
    condition     = var.transform_script_path == null || try(endswith(var.transform_script_path, ".py") && fileexists(var.transform_script_path), false)
    error_message = "transform_script_path must name an existing .py file."
  }
}

variable "scripts_kms_key_arn" {
  description = "ARN of the customer-managed KMS key of the scripts bucket. The script is uploaded with SSE-KMS under this key and the job may decrypt with it. null uses the bucket's default encryption."
  type        = string
  default     = null

  validation {
    condition     = var.scripts_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.scripts_kms_key_arn))
    error_message = "scripts_kms_key_arn must be a KMS key ARN or null."
  }
}

variable "worker_type" {
  description = "Glue worker type: G.1X, G.2X, G.4X or G.8X."
  type        = string
  default     = "G.1X"

  validation {
    condition     = contains(["G.1X", "G.2X", "G.4X", "G.8X"], var.worker_type)
    error_message = "worker_type must be one of G.1X, G.2X, G.4X, G.8X."
  }
}

variable "number_of_workers" {
  description = "Maximum number of workers (Glue auto scaling uses fewer when it can)."
  type        = number
  default     = 2

  validation {
    condition     = var.number_of_workers >= 2 && var.number_of_workers <= 299 && floor(var.number_of_workers) == var.number_of_workers
    error_message = "number_of_workers must be a whole number between 2 and 299."
  }
}

variable "timeout_minutes" {
  description = "Minutes after which a run is stopped and reported as TIMEOUT."
  type        = number
  default     = 120

  validation {
    condition     = var.timeout_minutes >= 1 && var.timeout_minutes <= 2880 && floor(var.timeout_minutes) == var.timeout_minutes
    error_message = "timeout_minutes must be a whole number between 1 and 2880."
  }
}

variable "max_retries" {
  description = "Automatic retries of a failed run."
  type        = number
  default     = 1

  validation {
    condition     = var.max_retries >= 0 && var.max_retries <= 10 && floor(var.max_retries) == var.max_retries
    error_message = "max_retries must be a whole number between 0 and 10."
  }
}

variable "schedule" {
  description = "When the job runs: a six-field AWS cron expression such as cron(0 2 * * ? *) (UTC), for a SCHEDULED Glue trigger. null creates no schedule trigger."
  type        = string
  default     = null

  validation {
    condition = var.schedule == null || (
      can(regex("^cron\\([0-9A-Za-z*?,/#LW-]+( [0-9A-Za-z*?,/#LW-]+){5}\\)$", var.schedule)) &&
      try(
        split(" ", trimsuffix(trimprefix(var.schedule, "cron("), ")"))[2] == "?" ||
        split(" ", trimsuffix(trimprefix(var.schedule, "cron("), ")"))[4] == "?",
        false
      )
    )
    error_message = "schedule must be an AWS cron expression with six fields (minutes hours day-of-month month day-of-week year), one of day-of-month and day-of-week being '?', e.g. cron(0 2 * * ? *)."
  }
}

variable "start_after_job_name" {
  description = "Name of a Glue job (normally the upstream dataset's ingest) whose successful runs start this job through a CONDITIONAL trigger. Can be combined with schedule; null creates no such trigger."
  type        = string
  default     = null

  validation {
    condition     = var.start_after_job_name == null || can(regex("^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$", var.start_after_job_name))
    error_message = "start_after_job_name must be a Glue job name."
  }
}

variable "schedule_enabled" {
  description = "Whether the triggers (schedule and start_after_job_name) are active. false keeps them but pauses the runs."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Retention of the job's CloudWatch log group, in days."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "ops_kms_key_arn" {
  description = "ARN of a customer-managed KMS key for the job's operational data (logs, job bookmarks, alarm topic). Its key policy must let CloudWatch Logs (for /aws-glue/* log groups) and EventBridge use it. null creates such a key."
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
  description = "ARN of an existing SNS topic receiving the failure alarms (its policy must let events.amazonaws.com publish). null creates an encrypted topic."
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

# ---------------------------------------------------------------------------------------------------------------------
# Governance
# ---------------------------------------------------------------------------------------------------------------------

variable "manage_lake_formation_permissions" {
  description = "Grant the job's role the Lake Formation permissions it needs on Lake-Formation-governed datasets: SELECT and DESCRIBE on the source table, CREATE_TABLE and DESCRIBE on the target database, DATA_LOCATION_ACCESS on the target location. The source table must exist; the deploying principal must be a Lake Formation administrator."
  type        = bool
  default     = true
}

variable "iam_permissions_boundary_arn" {
  description = "ARN of a permissions boundary attached to the job's IAM role. null attaches none."
  type        = string
  default     = null

  validation {
    condition     = var.iam_permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", var.iam_permissions_boundary_arn))
    error_message = "iam_permissions_boundary_arn must be an IAM policy ARN or null."
  }
}

variable "tags" {
  description = "Additional AWS tags for every taggable resource. The standard tags clouddatahub:hub, clouddatahub:layer (the target layer) and clouddatahub:dataset are always set and cannot be overridden."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for k, v in var.tags : length(k) >= 1 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")
    ])
    error_message = "tag keys must be 1-128 characters and not start with aws:, tag values at most 256 characters."
  }
}
