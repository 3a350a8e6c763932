# The Glue connection places the job's network interfaces in a private subnet with a security group
# that allows exactly what the job needs: Glue's own worker-to-worker traffic (a self-referencing
# rule, which Glue requires), the database on its port, and HTTPS to S3 and the VPC endpoints.
# Terraform removes the default allow-all egress rule of a security group it creates.

resource "aws_security_group" "glue" {
  name        = "${local.job_name}-glue"
  description = "Glue job ${local.job_name}: JDBC ingest into ${var.dataset_name}"
  vpc_id      = data.aws_subnet.this.vpc_id

  tags = merge(local.tags, { Name = "${local.job_name}-glue" })
}

resource "aws_vpc_security_group_ingress_rule" "glue_self" {
  security_group_id            = aws_security_group.glue.id
  description                  = "Glue workers talk to each other (required by Glue)"
  referenced_security_group_id = aws_security_group.glue.id
  ip_protocol                  = "tcp"
  from_port                    = 0
  to_port                      = 65535

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "glue_self" {
  security_group_id            = aws_security_group.glue.id
  description                  = "Glue workers talk to each other (required by Glue)"
  referenced_security_group_id = aws_security_group.glue.id
  ip_protocol                  = "tcp"
  from_port                    = 0
  to_port                      = 65535

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "database" {
  for_each = toset(var.database_cidr_blocks)

  security_group_id = aws_security_group.glue.id
  description       = "Source database"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = var.database_port
  to_port           = var.database_port

  tags = local.tags
}

# The regional S3 prefix list (for the S3 gateway endpoint); China regions name it cn.com.amazonaws.….
data "aws_prefix_list" "s3" {
  filter {
    name   = "prefix-list-name"
    values = ["com.amazonaws.${local.region}.s3", "cn.com.amazonaws.${local.region}.s3"]
  }
}

resource "aws_vpc_security_group_egress_rule" "s3" {
  security_group_id = aws_security_group.glue.id
  description       = "Amazon S3 through the gateway endpoint"
  prefix_list_id    = data.aws_prefix_list.s3.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443

  tags = local.tags
}

resource "aws_vpc_security_group_egress_rule" "https" {
  for_each = toset(var.https_egress_cidr_blocks != null ? var.https_egress_cidr_blocks : [data.aws_vpc.this.cidr_block])

  security_group_id = aws_security_group.glue.id
  description       = "AWS APIs through interface VPC endpoints (Glue, Secrets Manager, KMS, Logs, CloudWatch, STS)"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443

  tags = local.tags
}

resource "aws_glue_connection" "jdbc" {
  name            = "${local.job_name}-jdbc"
  description     = "JDBC source of ${var.dataset_name} (hub ${var.hub})"
  connection_type = "JDBC"

  connection_properties = {
    JDBC_CONNECTION_URL = var.jdbc_url
    JDBC_ENFORCE_SSL    = tostring(var.jdbc_enforce_ssl)
    # Credentials stay in Secrets Manager; Glue resolves them with the job's role at run time.
    SECRET_ID = var.credentials_secret_arn
  }

  physical_connection_requirements {
    availability_zone      = data.aws_subnet.this.availability_zone
    subnet_id              = var.subnet_id
    security_group_id_list = [aws_security_group.glue.id]
  }

  tags = local.tags
}
