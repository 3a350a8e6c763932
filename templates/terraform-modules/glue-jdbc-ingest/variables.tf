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
  description = "Name of the target source-layer dataset (its catalog entity name), e.g. sales-orders-source. Used for naming and tagging."
  type        = string

  validation {
    condition     = length(var.dataset_name) <= 63 && can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", var.dataset_name))
    error_message = "dataset_name must be at most 63 characters of lowercase letters and digits, separated by single hyphens."
  }
}

variable "job_name" {
  description = "Name of the Glue job (and prefix of its connection, trigger and security configuration). Defaults to cdh-<hub>-<dataset_name>-<target table>-ingest."
  type        = string
  default     = null

  validation {
    condition     = var.job_name == null || can(regex("^[a-zA-Z0-9][a-zA-Z0-9_-]{0,199}$", var.job_name))
    error_message = "job_name must be 1-200 letters, digits, '_' or '-', starting with a letter or digit."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Source: the JDBC database, reached from a private subnet
# ---------------------------------------------------------------------------------------------------------------------

variable "jdbc_url" {
  description = "JDBC URL of the source database, e.g. jdbc:postgresql://db.corp.example:5432/sales, jdbc:mysql://host:3306/db, jdbc:oracle:thin://@host:1521/SERVICE, jdbc:sqlserver://host:1433;databaseName=db."
  type        = string

  validation {
    condition     = can(regex("^jdbc:(postgresql|mysql|oracle:thin|sqlserver):[^\\s]+$", var.jdbc_url))
    error_message = "jdbc_url must be a JDBC URL for a database Glue supports natively: jdbc:postgresql:, jdbc:mysql:, jdbc:oracle:thin: or jdbc:sqlserver:, without whitespace."
  }
}

variable "jdbc_enforce_ssl" {
  description = "Require SSL/TLS for the JDBC connection (the connection's JDBC_ENFORCE_SSL). Keep true unless the database cannot do TLS."
  type        = bool
  default     = true
}

variable "credentials_secret_arn" {
  description = "Full ARN of the existing Secrets Manager secret holding the database credentials as JSON {\"username\": \"…\", \"password\": \"…\"}; the Glue connection references it (SECRET_ID)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$", var.credentials_secret_arn))
    error_message = "credentials_secret_arn must be the full ARN of a Secrets Manager secret, including the 6-character suffix Secrets Manager appends."
  }
}

variable "credentials_secret_kms_key_arn" {
  description = "ARN of the customer-managed KMS key encrypting the credentials secret. null when the secret uses the AWS managed key aws/secretsmanager."
  type        = string
  default     = null

  validation {
    condition     = var.credentials_secret_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.credentials_secret_kms_key_arn))
    error_message = "credentials_secret_kms_key_arn must be a KMS key ARN or null."
  }
}

variable "subnet_id" {
  description = "Private subnet the Glue job's network interfaces are placed in; it needs a route to the database and to the VPC endpoints (S3 gateway; Glue, Secrets Manager, KMS, CloudWatch Logs, CloudWatch, STS interface endpoints) or a NAT."
  type        = string

  validation {
    condition     = can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", var.subnet_id))
    error_message = "subnet_id must be a subnet ID such as subnet-0123456789abcdef0."
  }
}

variable "database_cidr_blocks" {
  description = "IPv4 CIDR blocks of the source database (on-premises or in a peered VPC); the security group allows egress to them on database_port only."
  type        = list(string)

  validation {
    condition     = length(var.database_cidr_blocks) > 0 && alltrue([for c in var.database_cidr_blocks : can(cidrnetmask(c)) && can(regex("^\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+$", c))])
    error_message = "database_cidr_blocks must hold at least one valid IPv4 CIDR block, e.g. 10.20.0.0/24."
  }

  validation {
    condition     = alltrue([for c in var.database_cidr_blocks : !contains(["0.0.0.0/0"], c)])
    error_message = "database_cidr_blocks must not be 0.0.0.0/0: name the database's network."
  }
}

variable "database_port" {
  description = "TCP port of the source database, e.g. 5432 (PostgreSQL), 3306 (MySQL), 1521 (Oracle), 1433 (SQL Server)."
  type        = number

  validation {
    condition     = var.database_port >= 1 && var.database_port <= 65535 && floor(var.database_port) == var.database_port
    error_message = "database_port must be a whole number between 1 and 65535."
  }
}

variable "https_egress_cidr_blocks" {
  description = "IPv4 CIDR blocks the job may reach on HTTPS (443) besides S3: where the interface VPC endpoints (or the NAT) are. null allows the subnet's VPC CIDR."
  type        = list(string)
  default     = null

  validation {
    condition     = var.https_egress_cidr_blocks == null || try(alltrue([for c in var.https_egress_cidr_blocks : can(cidrnetmask(c))]), false)
    error_message = "https_egress_cidr_blocks must be valid IPv4 CIDR blocks or null."
  }
}

variable "source_table" {
  description = "Source table to copy, as the database names it (e.g. sales.orders). Exactly one of source_table and source_query is set."
  type        = string
  default     = null

  validation {
    condition     = var.source_table == null || can(regex("^[A-Za-z0-9_$#.\"\\[\\]]{1,255}$", var.source_table))
    error_message = "source_table must be 1-255 characters of letters, digits, _ $ # . and quoting characters, without whitespace."
  }
}

variable "source_query" {
  description = "SELECT statement read instead of a whole table (wrapped as the derived table `(<query>) cdh_source`, so it must be valid inside a FROM clause; a trailing semicolon is dropped). Exactly one of source_table and source_query is set."
  type        = string
  default     = null

  validation {
    condition     = var.source_query == null || can(regex("(?is)^\\s*(select|with)\\s.+$", var.source_query))
    error_message = "source_query must be a SELECT (or WITH … SELECT) statement."
  }

  validation {
    condition     = var.source_query == null || !can(regex(";\\s*\\S", var.source_query))
    error_message = "source_query must be a single statement."
  }
}

variable "parallel_read_column" {
  description = "Column of the source table (or query result) Glue hashes to read with several connections in parallel (hashfield). null reads with one connection."
  type        = string
  default     = null

  validation {
    condition     = var.parallel_read_column == null || can(regex("^[A-Za-z_][A-Za-z0-9_$#]{0,127}$", var.parallel_read_column))
    error_message = "parallel_read_column must be a column name (letters, digits, _ $ #)."
  }
}

variable "parallel_read_partitions" {
  description = "Number of parallel reads when parallel_read_column is set (hashpartitions)."
  type        = number
  default     = 8

  validation {
    condition     = var.parallel_read_partitions >= 1 && var.parallel_read_partitions <= 64 && floor(var.parallel_read_partitions) == var.parallel_read_partitions
    error_message = "parallel_read_partitions must be a whole number between 1 and 64 (mind the source database's connection limit)."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Target: a source-layer dataset (see the dataset module's outputs)
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
  description = "Partition column of the target table. When the source has a column of that name its values partition the data; otherwise the job adds it with the run's date (yyyy-MM-dd, UTC), making each run a daily snapshot."
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
# PII protection
# ---------------------------------------------------------------------------------------------------------------------

variable "pii_columns" {
  description = "Source columns holding personal data. They are pseudonymised before anything is written (keyed HMAC-SHA256, see README) and marked clouddatahub:pii = true in the Glue table. The job fails if one of them is missing from the source."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.pii_columns : can(regex("^[A-Za-z_][A-Za-z0-9_]{0,127}$", c))])
    error_message = "pii_columns must be column names (letters, digits, underscores)."
  }
}

variable "pii_secret_arn" {
  description = "Full ARN of the Secrets Manager secret (normally in the hub's security account) holding the pseudonymisation key: a SecretString of at least 32 characters, or JSON {\"key\": \"…\"}. Required when pii_columns is not empty."
  type        = string
  default     = null

  validation {
    condition     = var.pii_secret_arn == null || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$", var.pii_secret_arn))
    error_message = "pii_secret_arn must be the full ARN of a Secrets Manager secret, including the 6-character suffix."
  }
}

variable "pii_kms_key_arn" {
  description = "ARN of the KMS key of the hub's security account that encrypts the pseudonymisation secret; the job may only decrypt with it through Secrets Manager. Required when pii_columns is not empty."
  type        = string
  default     = null

  validation {
    condition     = var.pii_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.pii_kms_key_arn))
    error_message = "pii_kms_key_arn must be a KMS key ARN or null."
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
  description = "Key prefix for scripts in the scripts bucket, without leading or trailing slash; the script lands at <prefix>/<job name>/jdbc_ingest.py."
  type        = string
  default     = "glue-scripts"

  validation {
    condition     = can(regex("^[a-zA-Z0-9_.-]+(/[a-zA-Z0-9_.-]+)*$", var.scripts_prefix))
    error_message = "scripts_prefix must be path segments of letters, digits, '_', '.', '-' separated by '/', without leading or trailing slash."
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
  description = "When the job runs: a six-field AWS cron expression such as cron(0 2 * * ? *) (UTC), for a SCHEDULED Glue trigger. null creates no trigger (runs on demand or from an orchestrator)."
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

variable "schedule_enabled" {
  description = "Whether the schedule trigger is active. false keeps it but pauses the runs."
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
  description = "Grant the job's role the Lake Formation permissions it needs on a Lake-Formation-governed dataset: CREATE_TABLE and DESCRIBE on the target database, DATA_LOCATION_ACCESS on the target location. Requires the deploying principal to be a Lake Formation administrator."
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
