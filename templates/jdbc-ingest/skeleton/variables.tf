# What differs between the environments. environments/<environment>.tfvars.json sets the first
# group; the pipeline sets the landing zone's values (second group) from its CI variables
# (see README.md), so no account-specific id is committed.

variable "environment" {
  description = "The environment being deployed: exploration, development or production."
  type        = string

  validation {
    condition     = contains(["exploration", "development", "production"], var.environment)
    error_message = "environment must be exploration, development or production."
  }
}

variable "account_id" {
  description = "AWS account of the environment. The provider refuses to run with credentials of any other account. null accepts any (set it once the account is known)."
  type        = string
  default     = null

  validation {
    condition     = var.account_id == null || can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits or null."
  }
}

variable "schedule_enabled" {
  description = "Whether the jobs run on their schedule (ingest.yaml); false keeps the triggers but pauses them."
  type        = bool
  default     = true
}

variable "alarm_email_addresses" {
  description = "E-mail addresses told when a job fails or times out (each confirms its subscription)."
  type        = list(string)
  default     = []
}

variable "jdbc_url" {
  description = "JDBC URL of the source database in this environment."
  type        = string
}

variable "credentials_secret_name" {
  description = "Name of the Secrets Manager secret of this environment's account holding the database credentials as JSON {\"username\": \"…\", \"password\": \"…\"}."
  type        = string
}

variable "credentials_secret_kms_key_arn" {
  description = "Customer-managed KMS key encrypting that secret; null when it uses the AWS managed key."
  type        = string
  default     = null
}

variable "database_cidr_blocks" {
  description = "IPv4 networks of the source database; the jobs' security group allows only them, on database_port."
  type        = list(string)
}

variable "database_port" {
  description = "TCP port of the source database."
  type        = number
}

# --- Set by the pipeline from the landing zone's CI variables --------------------------------------

variable "subnet_id" {
  description = "Private subnet of the environment's VPC the Glue jobs run in, with a route to the database and the VPC endpoints (CI variable CDH_GLUE_SUBNET_ID_<ENVIRONMENT>)."
  type        = string
}

variable "pii_secret_arn" {
  description = "Secret of the hub's security account holding the pseudonymisation key of PII columns (CI variable CDH_PII_SECRET_ARN_<ENVIRONMENT>). Needed as soon as catalog-info.yaml marks a column pii (the ingest module's precondition says so at plan time)."
  type        = string
  default     = null
}

variable "pii_kms_key_arn" {
  description = "KMS key of the hub's security account protecting that secret (CI variable CDH_PII_KMS_KEY_ARN_<ENVIRONMENT>). Needed as soon as catalog-info.yaml marks a column pii (the ingest module's precondition says so at plan time)."
  type        = string
  default     = null
}

variable "iam_permissions_boundary_arn" {
  description = "Permissions boundary the landing zone requires on IAM roles (CI variable CDH_IAM_PERMISSIONS_BOUNDARY_ARN_<ENVIRONMENT>); null attaches none."
  type        = string
  default     = null
}
