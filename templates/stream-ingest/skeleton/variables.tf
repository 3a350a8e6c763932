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

variable "alarm_email_addresses" {
  description = "E-mail addresses told when delivery fails or falls behind (each confirms its subscription)."
  type        = list(string)
  default     = []
}

variable "kinesis_stream_kms_key_arn" {
  description = "Customer-managed KMS key of the Kinesis Data Stream of stream.yaml, when it is encrypted with one; null otherwise."
  type        = string
  default     = null
}

# --- Set by the pipeline from the landing zone's CI variables --------------------------------------

variable "iam_permissions_boundary_arn" {
  description = "Permissions boundary the landing zone requires on IAM roles (CI variable CDH_IAM_PERMISSIONS_BOUNDARY_ARN); null attaches none."
  type        = string
  default     = null
}
