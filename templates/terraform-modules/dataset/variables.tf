# ---------------------------------------------------------------------------------------------------------------------
# Identity of the dataset: hub, layer, name. These also become the standard tags of every resource.
# ---------------------------------------------------------------------------------------------------------------------

variable "hub" {
  description = "Hub (market / legal entity) the dataset lives in, as named in the portal's dataHub.hubs, e.g. global, us, cn."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$", var.hub))
    error_message = "hub must be 1-32 lowercase letters, digits or hyphens, start with a letter and not end with a hyphen."
  }
}

variable "layer" {
  description = "Data Hub layer of the dataset: source (copy of a source system), prepared (cleaned, harmonised) or semantic (enriched)."
  type        = string

  validation {
    condition     = contains(["source", "prepared", "semantic"], var.layer)
    error_message = "layer must be one of source, prepared, semantic."
  }
}

variable "dataset_name" {
  description = "Dataset name, the catalog entity's metadata.name: lowercase letters, digits and single hyphens, e.g. vehicle-trips-prepared. The Glue database is this name with '-' replaced by '_'."
  type        = string

  validation {
    condition     = length(var.dataset_name) <= 63 && can(regex("^[a-z0-9]+(-[a-z0-9]+)*$", var.dataset_name))
    error_message = "dataset_name must be at most 63 characters of lowercase letters and digits, separated by single hyphens (no leading, trailing or double hyphens)."
  }
}

variable "title" {
  description = "Human-readable title of the dataset (clouddatahub:title, the entity's metadata.title), e.g. \"Vehicle trips (prepared)\"."
  type        = string

  validation {
    condition     = length(trimspace(var.title)) > 0 && length(var.title) <= 200
    error_message = "title must be non-empty and at most 200 characters."
  }
}

variable "description" {
  description = "Description of the dataset; becomes the Glue database description and the entity's metadata.description."
  type        = string

  validation {
    condition     = length(trimspace(var.description)) > 0 && length(var.description) <= 2048
    error_message = "description must be non-empty and at most 2048 characters (the Glue limit)."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Catalog metadata (Glue database parameters, see README "Glue parameter convention").
# ---------------------------------------------------------------------------------------------------------------------

variable "owner" {
  description = "Entity ref of the owning data-provider group (clouddatahub:owner), e.g. group:default/connected-vehicle-data."
  type        = string

  validation {
    condition     = can(regex("^group:([a-z0-9]+(-[a-z0-9]+)*/)?[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$", var.owner))
    error_message = "owner must be a group entity ref such as group:default/connected-vehicle-data."
  }
}

variable "business_object" {
  description = "Entity ref of the business object, a Backstage Domain (clouddatahub:business-object), e.g. domain:default/vehicle."
  type        = string

  validation {
    condition     = can(regex("^domain:([a-z0-9]+(-[a-z0-9]+)*/)?[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$", var.business_object))
    error_message = "business_object must be a domain entity ref such as domain:default/vehicle."
  }
}

variable "classification" {
  description = "Data classification (clouddatahub:classification): public, internal, confidential or strictly-confidential."
  type        = string

  validation {
    condition     = contains(["public", "internal", "confidential", "strictly-confidential"], var.classification)
    error_message = "classification must be one of public, internal, confidential, strictly-confidential."
  }
}

# `lifecycle` is a name Terraform reserves (it cannot be a module input), hence `dataset_lifecycle`.
variable "dataset_lifecycle" {
  description = "Lifecycle of the dataset (clouddatahub:lifecycle, spec.lifecycle), e.g. experimental, production, deprecated."
  type        = string
  default     = "production"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,62}$", var.dataset_lifecycle))
    error_message = "dataset_lifecycle must be 1-63 lowercase letters, digits or hyphens, starting with a letter (e.g. experimental, production, deprecated)."
  }
}

variable "upstream" {
  description = "Entity refs of the datasets this one is built from (clouddatahub:upstream, comma-joined), e.g. [\"dataset:default/vehicle-telemetry-source\"]."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for ref in var.upstream : can(regex("^dataset:([a-z0-9]+(-[a-z0-9]+)*/)?[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$", ref))
    ])
    error_message = "every upstream entry must be a dataset entity ref such as dataset:default/vehicle-telemetry-source."
  }
}

variable "catalog_tags" {
  description = "Backstage tags of the dataset entity (clouddatahub:tags, comma-joined), e.g. [\"telemetry\", \"trips\"]. Not to be confused with the AWS resource tags in `tags`."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for t in var.catalog_tags : length(t) <= 63 && can(regex("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$", t))
    ])
    error_message = "every catalog tag must be at most 63 characters of lowercase letters, digits and : + #, separated by single hyphens (the Backstage tag format)."
  }
}

variable "freshness_max_age_hours" {
  description = "Maximum age in hours before the dataset counts as stale (clouddatahub:freshness-max-age-hours, spec.freshness.maxAgeHours). null leaves it unset."
  type        = number
  default     = null

  validation {
    condition     = var.freshness_max_age_hours == null || try(var.freshness_max_age_hours > 0 && var.freshness_max_age_hours <= 8784, false)
    error_message = "freshness_max_age_hours must be greater than 0 and at most 8784 (one year)."
  }
}

# ---------------------------------------------------------------------------------------------------------------------
# Storage
# ---------------------------------------------------------------------------------------------------------------------

variable "bucket_name" {
  description = "Name of the S3 bucket holding the dataset. Created by the module when create_bucket is true; otherwise an existing bucket of the hub (whose encryption, policy and lifecycle are then managed elsewhere)."
  type        = string

  validation {
    condition = (
      can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) &&
      !can(regex("\\.\\.|\\.-|-\\.", var.bucket_name)) &&
      !can(regex("^\\d+\\.\\d+\\.\\d+\\.\\d+$", var.bucket_name)) &&
      !startswith(var.bucket_name, "xn--") &&
      !endswith(var.bucket_name, "-s3alias")
    )
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, not an IP address."
  }
}

variable "create_bucket" {
  description = "Create the bucket (with KMS encryption, versioning, public access block, lifecycle rules and TLS-only policy). false uses the existing bucket_name and only manages the dataset's prefix, Glue database and Lake Formation registration."
  type        = bool
  default     = true
}

variable "prefix" {
  description = "Key prefix of the dataset inside the bucket, without leading or trailing slash. Defaults to the Glue database name, giving s3://<bucket>/<glue_database_name>/."
  type        = string
  default     = null

  validation {
    condition     = var.prefix == null || can(regex("^[a-zA-Z0-9_.-]+(/[a-zA-Z0-9_.-]+)*$", var.prefix))
    error_message = "prefix must be one or more path segments of letters, digits, '_', '.', '-' separated by '/', without leading or trailing slash."
  }
}

variable "kms_key_arn" {
  description = "ARN of an existing customer-managed KMS key encrypting the dataset. null creates a dedicated key (with rotation) for the dataset."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-zA-Z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<key-id>), not an alias."
  }
}

variable "kms_key_deletion_window_days" {
  description = "Waiting period before a key created by the module is deleted after destroy."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_key_deletion_window_days >= 7 && var.kms_key_deletion_window_days <= 30 && floor(var.kms_key_deletion_window_days) == var.kms_key_deletion_window_days
    error_message = "kms_key_deletion_window_days must be a whole number between 7 and 30."
  }
}

variable "noncurrent_version_transition_days" {
  description = "Days after which noncurrent object versions move to STANDARD_IA. null disables the transition."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_transition_days == null || try(var.noncurrent_version_transition_days >= 30 && floor(var.noncurrent_version_transition_days) == var.noncurrent_version_transition_days, false)
    error_message = "noncurrent_version_transition_days must be a whole number of at least 30 (the STANDARD_IA minimum) or null."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which noncurrent object versions are deleted (the window for restoring overwritten or deleted data)."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of at least 1."
  }
}

variable "noncurrent_versions_to_keep" {
  description = "Number of newest noncurrent versions retained regardless of noncurrent_version_expiration_days (0 keeps none)."
  type        = number
  default     = 3

  validation {
    condition     = var.noncurrent_versions_to_keep >= 0 && var.noncurrent_versions_to_keep <= 100 && floor(var.noncurrent_versions_to_keep) == var.noncurrent_versions_to_keep
    error_message = "noncurrent_versions_to_keep must be a whole number between 0 and 100."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which incomplete multipart uploads are aborted and their parts deleted."
  type        = number
  default     = 7

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1 && floor(var.abort_incomplete_multipart_upload_days) == var.abort_incomplete_multipart_upload_days
    error_message = "abort_incomplete_multipart_upload_days must be a whole number of at least 1."
  }
}

variable "access_log_bucket_name" {
  description = "Existing bucket receiving S3 server access logs of the dataset bucket (only when create_bucket is true). null disables access logging."
  type        = string
  default     = null

  validation {
    condition     = var.access_log_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_log_bucket_name))
    error_message = "access_log_bucket_name must be a valid S3 bucket name or null."
  }
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete a bucket created by the module although it holds objects. Keep false for production datasets."
  type        = bool
  default     = false
}

# ---------------------------------------------------------------------------------------------------------------------
# Lake Formation
# ---------------------------------------------------------------------------------------------------------------------

variable "register_with_lake_formation" {
  description = "Register the dataset's S3 location with Lake Formation, so that access is granted with Lake Formation permissions (the portal's granter). Requires the deploying principal to be a Lake Formation administrator."
  type        = bool
  default     = true
}

variable "lake_formation_role_arn" {
  description = "IAM role Lake Formation assumes to access the registered location. null creates a role limited to the dataset prefix and its KMS key (recommended over the service-linked role, which cannot use customer-managed keys without key-policy changes)."
  type        = string
  default     = null

  validation {
    condition     = var.lake_formation_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.lake_formation_role_arn))
    error_message = "lake_formation_role_arn must be an IAM role ARN or null."
  }
}

variable "iam_permissions_boundary_arn" {
  description = "ARN of a permissions boundary attached to IAM roles created by the module (many landing zones require one). null attaches none."
  type        = string
  default     = null

  validation {
    condition     = var.iam_permissions_boundary_arn == null || can(regex("^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$", var.iam_permissions_boundary_arn))
    error_message = "iam_permissions_boundary_arn must be an IAM policy ARN or null."
  }
}

variable "tags" {
  description = "Additional AWS tags for every taggable resource. The standard tags clouddatahub:hub, clouddatahub:layer and clouddatahub:dataset are always set and cannot be overridden."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for k, v in var.tags : length(k) >= 1 && length(k) <= 128 && length(v) <= 256 && !startswith(lower(k), "aws:")
    ])
    error_message = "tag keys must be 1-128 characters and not start with aws:, tag values at most 256 characters."
  }
}
