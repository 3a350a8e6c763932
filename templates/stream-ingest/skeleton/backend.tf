# State lives in the environment account's state bucket. The pipeline (ci/terraform.sh) completes
# this partial configuration with environments/<environment>.s3.tfbackend and the bucket name.
terraform {
  backend "s3" {}
}
