#!/usr/bin/env bash
# Terraform for one environment, run the same way by every pipeline and on a laptop:
#
#   ci/terraform.sh check                 format, initialise without state, validate (no credentials)
#   ci/terraform.sh plan  <environment>   plan into <environment>.tfplan (+ .tfplan.txt to read)
#   ci/terraform.sh apply <environment>   apply exactly that plan file, nothing newer
#
# <environment> is exploration, development or production. plan and apply need credentials of
# the environment's AWS account and TF_STATE_BUCKET, the account's Terraform state bucket.
# The landing zone's values reach Terraform as TF_VAR_* variables (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: ci/terraform.sh check | plan <environment> | apply <environment>" >&2
  exit 2
}

command="${1:-}"
environment="${2:-}"

init_environment() {
  case "$environment" in
    exploration | development | production) ;;
    *) usage ;;
  esac
  : "${TF_STATE_BUCKET:?TF_STATE_BUCKET must name the Terraform state bucket of the $environment account}"
  terraform init -input=false -reconfigure \
    -backend-config="environments/$environment.s3.tfbackend" \
    -backend-config="bucket=$TF_STATE_BUCKET"
}

case "$command" in
  check)
    terraform fmt -check -recursive -diff
    terraform init -input=false -backend=false
    terraform validate
    ;;
  plan)
    init_environment
    terraform plan -input=false -lock-timeout=5m \
      -var-file="environments/$environment.tfvars.json" \
      -out="$environment.tfplan"
    terraform show -no-color "$environment.tfplan" >"$environment.tfplan.txt"
    ;;
  apply)
    init_environment
    terraform apply -input=false -lock-timeout=5m "$environment.tfplan"
    ;;
  *)
    usage
    ;;
esac
