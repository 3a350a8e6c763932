"""Business rules of ${{ values.name }}, run by its Glue preparation job.

The job (the platform's glue-preparation-job module) reads ${{ values.upstream.table }} of
${{ values.upstream.entityRef }}, lower-cases the column names, trims strings, turns empty
strings into NULL and casts the columns of preparation.yaml; then it calls transform() below;
then it deduplicates on the key columns and writes the prepared table.

Put the rules the generic steps do not cover here: filters, derived columns, lookups. transform()
ends by selecting the columns catalog-info.yaml declares, so a new upstream column never
reaches the prepared table unannounced and a missing one fails the run instead of the readers.
"""

from pyspark.sql import DataFrame, SparkSession

# The prepared table's columns as catalog-info.yaml declares them, partition column last.
COLUMNS = [
{%- for column in values.upstream.columns %}
    ${{ column.name | dump }},
{%- endfor %}
{%- for column in values.upstream.partitionKeys %}
    ${{ column.name | dump }},
{%- endfor %}
]


def transform(df: DataFrame, spark: SparkSession) -> DataFrame:
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(
            f"Columns of catalog-info.yaml missing from the data: {missing}; it has {df.columns}"
        )
    return df.select(*COLUMNS)
