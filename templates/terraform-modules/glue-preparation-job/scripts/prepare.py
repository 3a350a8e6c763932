"""Cloud Data Hub: prepare a table of an upstream dataset into a prepared dataset (AWS Glue 4.0, PySpark).

Shipped with the `glue-preparation-job` Terraform module, which uploads it and sets the job arguments.

What a run does:
  1. Reads the source table from the Glue Data Catalog; with --lookback_days only the partitions of
     --source_partition_column (yyyy-MM-dd) from today - N days on (a catalog push-down predicate).
     A table using Athena partition projection (e.g. one written by the stream-ingest module) has no
     partitions in the catalog, so it is read from the Parquet files below its location instead,
     its partition columns taken from the key=value directories (as strings) and filtered the same way.
  2. Lower-cases column names and drops --drop_columns.
  3. Trims leading/trailing whitespace of string columns (--trim_strings) and turns empty strings
     into NULL (--empty_strings_as_null).
  4. Casts columns to the Spark SQL types of --column_types (JSON). A value that does not convert
     becomes NULL; if more than --max_cast_failure_ratio of a column's non-NULL values fail, the run
     fails before writing anything (a changed source format must not silently empty a column).
     With --transform_module (the module's transform_script_path), the repository's own
     transform(df, spark) then applies the dataset's business rules.
  5. Deduplicates on --key_columns: of equal keys the row with the greatest --order_by_column (or,
     without it, the latest --source_partition_column) is kept. Rows with a NULL key cannot be
     identified and are dropped (the count is logged).
  6. Writes snappy Parquet partitioned by --partition_column to --target_path and creates / updates
     the Glue table (getSink with enableUpdateCatalog and partitionKeys). Partitions about to be
     written are purged first, so re-runs replace instead of duplicating. Without a lookback window
     (full refresh) target partitions that no longer occur are removed too (files and catalog).
  7. Copies the PII markers (column parameters clouddatahub:pii, clouddatahub:pii-protection) from
     the source table's columns to the target's, and sets the table description.

A run that reads no rows changes nothing (an empty upstream must not wipe the prepared dataset).
"""

import json
import os
import sys
from datetime import datetime, timedelta, timezone

REQUIRED_ARGS = [
    "JOB_NAME",
    "source_database",
    "source_table",
    "target_path",
    "target_database",
    "target_table",
    "partition_column",
    "key_columns",
    "trim_strings",
    "empty_strings_as_null",
    "max_cast_failure_ratio",
]
OPTIONAL_ARGS = [
    "order_by_column",
    "column_types",
    "drop_columns",
    "source_partition_column",
    "lookback_days",
    "table_description",
    "run_date",
    "transform_module",
]

PII_PARAMETERS = ("clouddatahub:pii", "clouddatahub:pii-protection")

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

HIVE_ESCAPED = set('"#%\'*/:=?\\\x7f{[]^') | {chr(c) for c in range(0x01, 0x20)}
HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__"


# --------------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------------


def resolve_args(argv):
    from awsglue.utils import getResolvedOptions

    args = getResolvedOptions(argv, REQUIRED_ARGS)
    present = [name for name in OPTIONAL_ARGS if f"--{name}" in argv]
    if present:
        args.update(getResolvedOptions(argv, present))
    return args


def split_list(value):
    return [item.strip().lower() for item in (value or "").split(",") if item.strip()]


def flag(value):
    return str(value).strip().lower() == "true"


def aws_region():
    import boto3

    return (
        os.environ.get("AWS_REGION")
        or os.environ.get("AWS_DEFAULT_REGION")
        or boto3.session.Session().region_name
    )


# --------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------


def read_source(glue_context, glue, database, table, partition_filter, logger):
    """The source rows as a DataFrame, or None when a projected table has no files yet.

    partition_filter is None or (column, first value): only partitions with column >= first value.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.utils import AnalysisException

    definition = glue.get_table(DatabaseName=database, Name=table)["Table"]
    projected = (definition.get("Parameters") or {}).get("projection.enabled", "").lower() == "true"

    if not projected:
        predicate = ""
        if partition_filter:
            predicate = f"{partition_filter[0]} >= '{partition_filter[1]}'"
            logger.info(f"Reading partitions where {predicate}")
        frame = glue_context.create_dynamic_frame.from_catalog(
            database=database,
            table_name=table,
            push_down_predicate=predicate,
            transformation_ctx="source",
        )
        return frame.toDF()

    location = definition["StorageDescriptor"]["Location"]
    logger.info(f"{database}.{table} uses partition projection; reading {location}")
    spark = glue_context.spark_session
    # Keep partition values as the strings they are in the paths (yyyy-MM-dd), like the catalog does.
    spark.conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
    try:
        df = spark.read.parquet(location)
    except AnalysisException as error:
        if "Unable to infer schema" in str(error) or "Path does not exist" in str(error):
            logger.warn(f"No files below {location} yet")
            return None
        raise
    if partition_filter:
        df = df.filter(F.col(partition_filter[0]) >= F.lit(partition_filter[1]))
    return df


# --------------------------------------------------------------------------------------------------
# Transformations (plain DataFrame functions)
# --------------------------------------------------------------------------------------------------


def require_columns(df, columns, what):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} not found in the data: {missing}; columns are {df.columns}")


def lower_case_columns(df):
    lowered = [c.lower() for c in df.columns]
    duplicates = sorted({c for c in lowered if lowered.count(c) > 1})
    if duplicates:
        raise ValueError(f"Columns differ only in case: {duplicates}")
    return df.toDF(*lowered)


def clean_strings(df, trim, empty_as_null):
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    if not trim and not empty_as_null:
        return df
    columns = []
    for field in df.schema.fields:
        column = F.col(field.name)
        if isinstance(field.dataType, StringType):
            if trim:
                # All Unicode whitespace, not only spaces (F.trim strips spaces only).
                column = F.regexp_replace(column, r"^\s+|\s+$", "")
            if empty_as_null:
                column = F.when(column == "", F.lit(None)).otherwise(column)
        columns.append(column.alias(field.name))
    return df.select(*columns)


def cast_columns(df, column_types, max_failure_ratio, logger):
    """Casts columns; fails when too many non-NULL values do not convert."""
    from pyspark.sql import functions as F

    if not column_types:
        return df
    require_columns(df, list(column_types), "Columns of --column_types")

    casts = {c: F.col(c).cast(t) for c, t in column_types.items()}
    checks = []
    for c, cast in casts.items():
        checks.append(F.count(F.col(c)).alias(f"{c}__present"))
        checks.append(
            F.sum(F.when(F.col(c).isNotNull() & cast.isNull(), 1).otherwise(0)).alias(
                f"{c}__failed"
            )
        )
    stats = df.agg(*checks).collect()[0]

    too_many = []
    for c, t in column_types.items():
        present = stats[f"{c}__present"] or 0
        failed = stats[f"{c}__failed"] or 0
        if failed:
            logger.warn(f"{failed} of {present} values of {c} do not convert to {t}")
        if present and failed / present > max_failure_ratio:
            too_many.append(f"{c} ({failed}/{present} not {t})")
    if too_many:
        raise ValueError(
            f"Casting failed for more than {max_failure_ratio:.2%} of the values of: {', '.join(too_many)}"
        )

    return df.select(*[casts[c].alias(c) if c in casts else F.col(c) for c in df.columns])


def apply_transform(df, module_name, spark, logger):
    """The calling repository's own rules: <module_name>.transform(df, spark) -> DataFrame.

    The module arrives through --extra-py-files (Glue puts it on sys.path). Its column names are
    lower-cased like the source's, so the later steps see the same conventions.
    """
    import importlib

    module = importlib.import_module(module_name)
    transform = getattr(module, "transform", None)
    if not callable(transform):
        raise ValueError(f"{module_name}.py must define transform(df, spark)")
    result = transform(df, spark)
    if result is None or not hasattr(result, "schema"):
        raise ValueError(f"{module_name}.transform must return a DataFrame, not {type(result).__name__}")
    logger.info(f"Applied {module_name}.transform")
    return lower_case_columns(result)


def deduplicate(df, key_columns, order_column, logger):
    """One row per key: the greatest order_column wins; rows with a NULL key are dropped."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    require_columns(df, key_columns, "Key columns")
    any_null_key = None
    for c in key_columns:
        condition = F.col(c).isNull()
        any_null_key = condition if any_null_key is None else (any_null_key | condition)
    null_keys = df.filter(any_null_key).count()
    if null_keys:
        logger.warn(f"Dropping {null_keys} rows with a NULL in {key_columns}")
    df = df.filter(~any_null_key)

    if not order_column:
        return df.dropDuplicates(key_columns)
    require_columns(df, [order_column], "Order column")
    window = Window.partitionBy(*key_columns).orderBy(F.col(order_column).desc_nulls_last())
    return (
        df.withColumn("__cdh_row", F.row_number().over(window))
        .filter(F.col("__cdh_row") == 1)
        .drop("__cdh_row")
    )


# --------------------------------------------------------------------------------------------------
# Target table and catalog
# --------------------------------------------------------------------------------------------------


def hive_escape(value):
    if value is None:
        return HIVE_DEFAULT_PARTITION
    return "".join(f"%{ord(ch):02X}" if ch in HIVE_ESCAPED else ch for ch in str(value))


def partition_path(target_path, partition_column, value):
    base = target_path if target_path.endswith("/") else target_path + "/"
    return f"{base}{partition_column}={hive_escape(value)}/"


def catalog_partition_values(glue, database, table, partition_column):
    """Partition values of the existing target table; None when it does not exist yet."""
    try:
        current = glue.get_table(DatabaseName=database, Name=table)["Table"]
    except glue.exceptions.EntityNotFoundException:
        return None
    keys = [k["Name"] for k in current.get("PartitionKeys", [])]
    if keys != [partition_column]:
        raise ValueError(
            f"{database}.{table} is partitioned by {keys}, the job by [{partition_column}]; "
            "drop the table or change partition_column"
        )
    values = set()
    for page in glue.get_paginator("get_partitions").paginate(
        DatabaseName=database, TableName=table
    ):
        for partition in page["Partitions"]:
            values.add(partition["Values"][0])
    return values


def remove_partitions(glue_context, glue, database, table, target_path, partition_column, values, logger):
    values = sorted(values)
    for value in values:
        glue_context.purge_s3_path(
            partition_path(target_path, partition_column, value), {"retentionPeriod": 0}
        )
    for start in range(0, len(values), 25):
        chunk = values[start : start + 25]
        answer = glue.batch_delete_partition(
            DatabaseName=database,
            TableName=table,
            PartitionsToDelete=[{"Values": [v]} for v in chunk],
        )
        if answer.get("Errors"):
            raise RuntimeError(f"Deleting partitions failed: {answer['Errors']}")
    if values:
        logger.info(f"Removed {len(values)} partition(s) no longer in the source")


def pii_markers(glue, database, table):
    """Column name -> the clouddatahub:pii* parameters of the source table's columns."""
    current = glue.get_table(DatabaseName=database, Name=table)["Table"]
    columns = current.get("StorageDescriptor", {}).get("Columns", []) + current.get(
        "PartitionKeys", []
    )
    markers = {}
    for column in columns:
        parameters = {
            k: v for k, v in (column.get("Parameters") or {}).items() if k in PII_PARAMETERS
        }
        if parameters.get("clouddatahub:pii") == "true":
            markers[column["Name"].lower()] = parameters
    return markers


def annotate_table(glue, database, table, markers, description):
    current = glue.get_table(DatabaseName=database, Name=table)["Table"]
    table_input = {k: current[k] for k in TABLE_INPUT_KEYS if k in current}
    changed = False

    if description and table_input.get("Description") != description:
        table_input["Description"] = description
        changed = True

    for column in table_input.get("StorageDescriptor", {}).get("Columns", []):
        wanted = markers.get(column["Name"])
        if wanted:
            parameters = column.setdefault("Parameters", {})
            if any(parameters.get(k) != v for k, v in wanted.items()):
                parameters.update(wanted)
                changed = True

    if changed:
        glue.update_table(DatabaseName=database, TableInput=table_input)


# --------------------------------------------------------------------------------------------------
# Job
# --------------------------------------------------------------------------------------------------


def main():
    import boto3
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame
    from awsglue.job import Job
    from pyspark import StorageLevel
    from pyspark.context import SparkContext

    args = resolve_args(sys.argv)
    glue_context = GlueContext(SparkContext.getOrCreate())
    logger = glue_context.get_logger()
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    glue = boto3.client("glue", region_name=aws_region())

    partition_column = args["partition_column"].lower()
    key_columns = split_list(args["key_columns"])
    drop_columns = split_list(args.get("drop_columns"))
    column_types = {k.lower(): v for k, v in json.loads(args.get("column_types") or "{}").items()}
    source_partition_column = (args.get("source_partition_column") or "").lower() or None
    order_column = (args.get("order_by_column") or "").lower() or source_partition_column
    lookback_days = int(args["lookback_days"]) if args.get("lookback_days") else None
    max_failure_ratio = float(args["max_cast_failure_ratio"])
    target_path = args["target_path"]
    target_database, target_table = args["target_database"], args["target_table"]

    # 1. Read
    partition_filter = None
    if lookback_days is not None:
        if not source_partition_column:
            raise ValueError("--lookback_days needs --source_partition_column")
        reference = (
            datetime.strptime(args["run_date"], "%Y-%m-%d").date()
            if args.get("run_date")
            else datetime.now(timezone.utc).date()
        )
        partition_filter = (
            source_partition_column,
            (reference - timedelta(days=lookback_days)).isoformat(),
        )
    source = read_source(
        glue_context, glue, args["source_database"], args["source_table"], partition_filter, logger
    )
    if source is None:
        job.commit()
        return

    # 2-5. Prepare
    df = lower_case_columns(source)
    if drop_columns:
        require_columns(df, drop_columns, "Columns of --drop_columns")
        df = df.drop(*drop_columns)
    df = clean_strings(df, flag(args["trim_strings"]), flag(args["empty_strings_as_null"]))
    df = cast_columns(df, column_types, max_failure_ratio, logger)
    if args.get("transform_module"):
        df = apply_transform(df, args["transform_module"], glue_context.spark_session, logger)
    df = deduplicate(df, key_columns, order_column, logger)
    require_columns(df, [partition_column], "The partition column")

    df = df.persist(StorageLevel.MEMORY_AND_DISK)
    rows = df.count()
    if rows == 0:
        logger.warn("The source returned no rows; the target is left unchanged")
        df.unpersist()
        job.commit()
        return
    written = {r[0] for r in df.select(partition_column).distinct().collect()}
    logger.info(f"Prepared {rows} rows in {len(written)} partition(s) of {partition_column}")

    # 6. Write
    existing = catalog_partition_values(glue, target_database, target_table, partition_column)
    for value in sorted(written, key=str):
        glue_context.purge_s3_path(
            partition_path(target_path, partition_column, value), {"retentionPeriod": 0}
        )

    sink = glue_context.getSink(
        connection_type="s3",
        path=target_path,
        enableUpdateCatalog=True,
        updateBehavior="UPDATE_IN_DATABASE",
        partitionKeys=[partition_column],
        transformation_ctx="target",
    )
    sink.setFormat("glueparquet", compression="snappy")
    sink.setCatalogInfo(catalogDatabase=target_database, catalogTableName=target_table)
    sink.writeFrame(DynamicFrame.fromDF(df, glue_context, "target"))

    if lookback_days is None and existing:
        stale = existing - {HIVE_DEFAULT_PARTITION if v is None else str(v) for v in written}
        remove_partitions(
            glue_context, glue, target_database, target_table, target_path, partition_column, stale, logger
        )

    # 7. Catalog metadata
    annotate_table(
        glue,
        target_database,
        target_table,
        pii_markers(glue, args["source_database"], args["source_table"]),
        args.get("table_description"),
    )

    df.unpersist()
    job.commit()


if __name__ == "__main__":
    main()
