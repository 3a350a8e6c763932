/**
 * An IAM role ARN in any partition (`aws`, `aws-cn`, `aws-us-gov`), with an optional path:
 * what `clouddatahub.io/consumer-role-arn` must hold, both for Lake Formation grants and for
 * the role Athena queries run as.
 */
export const IAM_ROLE_ARN =
  /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
