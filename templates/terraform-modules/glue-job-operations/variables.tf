variable "hub" {
  description = "Hub (market / legal entity) the job belongs to, e.g. global, us, cn."
  type        = string
}

variable "dataset_name" {
  description = "Dataset the job writes, for alarm messages."
  type        = string
}

variable "table" {
  description = "Glue table the job writes, as <database>.<table>, for alarm messages."
  type        = string
}

variable "job_name" {
  description = "Name of the Glue job whose runs are watched."
  type        = string
}

variable "short_name" {
  description = "Name prefix of the alarm topic and EventBridge rule (at most 48 characters)."
  type        = string

  validation {
    condition     = length(var.short_name) <= 48
    error_message = "short_name must be at most 48 characters."
  }
}

variable "log_group_name" {
  description = "Name of the job's CloudWatch log group, under /aws-glue/ so the key policy covers it."
  type        = string

  validation {
    condition     = startswith(var.log_group_name, "/aws-glue/")
    error_message = "log_group_name must start with /aws-glue/."
  }
}

variable "alarm_title" {
  description = "First field of the alarm message, e.g. \"Cloud Data Hub ingest failed\"."
  type        = string
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

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
