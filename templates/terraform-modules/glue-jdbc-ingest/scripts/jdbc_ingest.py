"""Cloud Data Hub: JDBC ingest into a source-layer dataset (AWS Glue 4.0, PySpark).

Shipped with the `glue-jdbc-ingest` Terraform module, which uploads it and sets the job arguments.

What a run does:
  1. Reads the source table (or a SELECT, wrapped as a derived table) through the job's Glue
     connection: Glue takes the JDBC URL, TLS enforcement and the credentials (Secrets Manager,
     SECRET_ID) from the connection, so no credential ever appears in this script or its arguments.
     With --parallel_read_column Glue reads with several connections (hashfield / hashpartitions).
  2. Lower-cases column names (the Glue Data Catalog stores them lower-case).
  3. Pseudonymises the PII columns (--pii_columns), see "PII protection" below.
  4. Partitions by --partition_column: the source column of that name, or, when the source has none,
     the run date (yyyy-MM-dd, UTC; --run_date overrides it for backfills), making each run a snapshot.
  5. Purges the partitions it is about to write, so that a re-run replaces instead of duplicating.
  6. Writes snappy Parquet, Hive-partitioned, to --target_path and creates / updates the Glue table
     (getSink with enableUpdateCatalog and partitionKeys: new columns and partitions are added).
  7. Marks the PII columns with the column parameter clouddatahub:pii = true (the portal's PII badge)
     and sets the table description.

PII protection (the choice and why):
  PII columns are replaced by a keyed pseudonym, HMAC-SHA256(key, value) as 64 hex characters, before
  anything leaves the job. The key is a secret in Secrets Manager, normally in the hub's security
  account and encrypted with that account's KMS key (--pii_secret_id; the role may decrypt it only
  through Secrets Manager). Properties:
    * deterministic: the same VIN gives the same pseudonym in every dataset of the hub, so joins and
      distinct counts keep working, which is what analysts need from a source layer;
    * not reversible: without the key, pseudonyms cannot be recomputed from guessed values (unlike a
      plain or publicly salted SHA-256, which a dictionary attack over e.g. all VINs reverses);
      with the key, a value can only be checked, never decrypted: re-identification needs the source;
    * scalable: one Secrets Manager call per run instead of one KMS call per value (KMS request
      quotas make per-value KMS encryption impractical for millions of rows);
    * the key is never part of the Spark plan or logs: it travels to executors only inside the
      pickled UDF, not as a literal in a SQL expression.
  Values are hashed as strings (non-string columns are cast first), so the column type becomes string.
  NULL stays NULL. Rotating the key changes every pseudonym: treat a rotation as a new dataset version.
  If reversible encryption is required (e.g. a re-identification process), use envelope encryption
  with a data key from KMS GenerateDataKey instead; this job deliberately does not.
"""

import hashlib
import hmac
import json
import os
import sys
from datetime import datetime, timezone

import boto3
from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.utils import getResolvedOptions
from pyspark import StorageLevel
from pyspark.context import SparkContext
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import StringType

REQUIRED_ARGS = [
    "JOB_NAME",
    "connection_name",
    "source_engine",
    "target_path",
    "target_database",
    "target_table",
    "partition_column",
]
OPTIONAL_ARGS = [
    "source_table",
    "source_query",
    "parallel_read_column",
    "parallel_read_partitions",
    "pii_columns",
    "pii_secret_id",
    "table_description",
    "run_date",
]

PII_PARAMETER = "clouddatahub:pii"
PII_PROTECTION_PARAMETER = "clouddatahub:pii-protection"
PII_PROTECTION = "hmac-sha256"
MIN_KEY_BYTES = 32

# Keys of a Glue GetTable answer that UpdateTable accepts back as TableInput.
TABLE_INPUT_KEYS = [
    "Name",
    "Description",
    "Owner",
    "LastAccessTime",
    "LastAnalyzedTime",
    "Retention",
    "StorageDescriptor",
    "PartitionKeys",
    "ViewOriginalText",
    "ViewExpandedText",
    "TableType",
    "Parameters",
    "TargetTable",
]

# Characters Hive / Spark escape in partition directory names (ExternalCatalogUtils.escapePathName).
HIVE_ESCAPED = set('"#%\'*/:=?\\\x7f{[]^') | {chr(c) for c in range(0x01, 0x20)}
HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def resolve_args(argv):
    """Required arguments must be present; optional ones are read only when the job passes them."""
    args = getResolvedOptions(argv, REQUIRED_ARGS)
    present = [name for name in OPTIONAL_ARGS if f"--{name}" in argv]
    if present:
        args.update(getResolvedOptions(argv, present))
    return args


def aws_region():
    return (
        os.environ.get("AWS_REGION")
        or os.environ.get("AWS_DEFAULT_REGION")
        or boto3.session.Session().region_name
    )


def split_list(value):
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def read_source(glue_context, args):
    """Reads the source through the Glue connection (URL, TLS and Secrets Manager credentials)."""
    if bool(args.get("source_table")) == bool(args.get("source_query")):
        raise ValueError("Exactly one of --source_table and --source_query must be given")

    if args.get("source_table"):
        dbtable = args["source_table"]
    else:
        # A derived table: valid in the FROM clause of PostgreSQL, MySQL, Oracle and SQL Server.
        query = args["source_query"].strip().rstrip(";").strip()
        dbtable = f"({query}) cdh_source"

    options = {
        "useConnectionProperties": "true",
        "connectionName": args["connection_name"],
        "dbtable": dbtable,
    }
    if args.get("parallel_read_column"):
        options["hashfield"] = args["parallel_read_column"]
        options["hashpartitions"] = args.get("parallel_read_partitions", "8")

    frame = glue_context.create_dynamic_frame.from_options(
        connection_type=args["source_engine"],
        connection_options=options,
        transformation_ctx="source",
    )
    return frame.toDF()


def lower_case_columns(df: DataFrame) -> DataFrame:
    lowered = [c.lower() for c in df.columns]
    duplicates = sorted({c for c in lowered if lowered.count(c) > 1})
    if duplicates:
        raise ValueError(
            f"Source columns differ only in case, which the Glue catalog cannot hold: {duplicates}"
        )
    return df.toDF(*lowered)


def load_pseudonymisation_key(secret_id):
    """The HMAC key: the secret's SecretString, or its "key" field when it is JSON."""
    region = secret_id.split(":")[3] if secret_id.startswith("arn:") else aws_region()
    client = boto3.client("secretsmanager", region_name=region)
    secret = client.get_secret_value(SecretId=secret_id).get("SecretString")
    if not secret:
        raise ValueError("The pseudonymisation secret has no SecretString")
    try:
        parsed = json.loads(secret)
        if isinstance(parsed, dict):
            secret = parsed.get("key") or ""
    except json.JSONDecodeError:
        pass
    key = secret.encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(
            f"The pseudonymisation key must be at least {MIN_KEY_BYTES} bytes long"
        )
    return key


def pseudonymise(df: DataFrame, columns, key) -> DataFrame:
    """Replaces each PII column by HMAC-SHA256(key, value) in hex; fails if a column is missing."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        # Never write a dataset whose declared PII column was not protected (e.g. after a rename).
        raise ValueError(f"PII columns not found in the source: {missing}")

    def hmac_sha256(value):
        if value is None:
            return None
        return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()

    pseudonym = F.udf(hmac_sha256, StringType())
    for column in columns:
        df = df.withColumn(column, pseudonym(F.col(column).cast("string")))
    return df


def hive_escape(value):
    if value is None:
        return HIVE_DEFAULT_PARTITION
    text = str(value)
    return "".join(f"%{ord(ch):02X}" if ch in HIVE_ESCAPED else ch for ch in text)


def purge_partitions(glue_context, target_path, partition_column, values, logger):
    """Deletes the files of the partitions about to be rewritten (noncurrent versions remain)."""
    base = target_path if target_path.endswith("/") else target_path + "/"
    for value in values:
        path = f"{base}{partition_column}={hive_escape(value)}/"
        logger.info(f"Purging {path} before rewriting it")
        glue_context.purge_s3_path(path, {"retentionPeriod": 0})


def annotate_table(glue, database, table, pii_columns, description):
    """Marks PII columns (clouddatahub:pii = true) and sets the description on the Glue table."""
    current = glue.get_table(DatabaseName=database, Name=table)["Table"]
    table_input = {k: current[k] for k in TABLE_INPUT_KEYS if k in current}
    changed = False

    if description and table_input.get("Description") != description:
        table_input["Description"] = description
        changed = True

    pii = set(pii_columns)
    for column in table_input.get("StorageDescriptor", {}).get("Columns", []):
        if column["Name"] in pii:
            parameters = column.setdefault("Parameters", {})
            if (
                parameters.get(PII_PARAMETER) != "true"
                or parameters.get(PII_PROTECTION_PARAMETER) != PII_PROTECTION
            ):
                parameters[PII_PARAMETER] = "true"
                parameters[PII_PROTECTION_PARAMETER] = PII_PROTECTION
                changed = True

    if changed:
        glue.update_table(DatabaseName=database, TableInput=table_input)


def main():
    args = resolve_args(sys.argv)
    spark_context = SparkContext.getOrCreate()
    glue_context = GlueContext(spark_context)
    logger = glue_context.get_logger()
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)

    partition_column = args["partition_column"].lower()
    pii_columns = [c.lower() for c in split_list(args.get("pii_columns"))]
    run_date = args.get("run_date") or datetime.now(timezone.utc).strftime("%Y-%m-%d")
    datetime.strptime(run_date, "%Y-%m-%d")  # fails early on a malformed --run_date

    df = lower_case_columns(read_source(glue_context, args))

    if pii_columns:
        if not args.get("pii_secret_id"):
            raise ValueError("--pii_columns needs --pii_secret_id")
        df = pseudonymise(df, pii_columns, load_pseudonymisation_key(args["pii_secret_id"]))

    snapshot = partition_column not in df.columns
    if snapshot:
        df = df.withColumn(partition_column, F.lit(run_date))

    # The source is read once: the partition values and the write use the same cached rows.
    df = df.persist(StorageLevel.MEMORY_AND_DISK)
    rows = df.count()
    if snapshot:
        partitions = [run_date]
    else:
        partitions = [r[0] for r in df.select(partition_column).distinct().collect()]
    logger.info(
        f"Read {rows} rows into {len(partitions)} partition(s) of {partition_column}"
    )

    purge_partitions(glue_context, args["target_path"], partition_column, partitions, logger)

    if rows > 0:
        sink = glue_context.getSink(
            connection_type="s3",
            path=args["target_path"],
            enableUpdateCatalog=True,
            updateBehavior="UPDATE_IN_DATABASE",
            partitionKeys=[partition_column],
            transformation_ctx="target",
        )
        sink.setFormat("glueparquet", compression="snappy")
        sink.setCatalogInfo(
            catalogDatabase=args["target_database"],
            catalogTableName=args["target_table"],
        )
        sink.writeFrame(DynamicFrame.fromDF(df, glue_context, "target"))

        annotate_table(
            boto3.client("glue", region_name=aws_region()),
            args["target_database"],
            args["target_table"],
            pii_columns,
            args.get("table_description"),
        )
    else:
        logger.warn("The source returned no rows; nothing written")

    df.unpersist()
    job.commit()


if __name__ == "__main__":
    main()
