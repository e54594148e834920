"""Spark job: SILVER zone → enriched STAGING zone (seed 003's enrichment), on AWS Glue 5.0 or on EMR
Serverless (Spark 3.5, Python 3.11 on both).

Job arguments (the Pulumi component sets them: Glue default arguments / EMR entry-point arguments):
  --silver_path         s3://bucket/silver/          SILVER NDJSON (gzip) written by Firehose
  --staging_path        s3://bucket/staging/events/  output, Parquet partitioned by event_date
  --staging_database    Glue database of the STAGING table (created/updated by this job)
  --staging_table       Glue table name of the STAGING table (read by the GOLD Athena SQL)
  --geo_lookup_path     s3://…/geo.csv      header: network,country,region,city (CIDR networks)
  --device_lookup_path  s3://…/devices.csv  header: device_model,category,performance_tier
  --engine              glue | emr-serverless (optional: without it, Glue when awsglue is importable)
Glue only:
  --job-bookmark-option job-bookmark-enable  so each run reads only SILVER objects added since the last
  --extra-py-files      s3://…/enrichment.py  the pure enrichment module next to this script
EMR Serverless only (spark-submit --py-files ships enrichment.py):
  --event_dates         YYYY-MM-DD[,YYYY-MM-DD…]  event days to rebuild (default: yesterday and today, UTC)
  --late_days           N (default 1): SILVER arrival days read after each event day, for late events

The SILVER table uses Athena partition projection, which Glue ETL does not read, so the job reads the
SILVER prefix directly. On Glue, bookmarks track the objects it has processed (transformation_ctx
below) and the sink appends. EMR has no bookmarks: each run instead rebuilds whole STAGING event_date
partitions from the SILVER arrival-day partitions that can hold their events (dynamic partition
overwrite), so a re-run or an overlapping schedule replaces rows instead of duplicating them. The
STAGING table's partition projection finds the partitions either way.
"""
import argparse
import datetime
import sys

REQUIRED_ARGS = ("JOB_NAME", "silver_path", "staging_path", "staging_database", "staging_table", "geo_lookup_path", "device_lookup_path")
ENGINES = ("glue", "emr-serverless")
DEFAULT_LATE_DAYS = 1
MAX_LATE_DAYS = 7


class JobArgumentError(ValueError):
    """Arguments the job cannot run with; the message names the argument, the value and what is allowed."""


def select_engine(argv, glue_importable):
    """`--engine` when given (glue | emr-serverless), else glue when the awsglue package is importable."""
    for index, token in enumerate(argv):
        value = None
        if token == "--engine":
            if index + 1 >= len(argv):
                raise JobArgumentError(f"--engine needs a value; allowed: {', '.join(ENGINES)}")
            value = argv[index + 1]
        elif token.startswith("--engine="):
            value = token.split("=", 1)[1]
        if value is not None:
            if value not in ENGINES:
                raise JobArgumentError(f"--engine {value!r} is not supported; allowed: {', '.join(ENGINES)}")
            if value == "glue" and not glue_importable:
                raise JobArgumentError("--engine glue needs the awsglue package, which this runtime does not have")
            return value
    return "glue" if glue_importable else "emr-serverless"


def _iso_date(text):
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _date_list(text):
    dates = sorted({_iso_date(part) for part in text.split(",") if part.strip()})
    if not dates:
        raise argparse.ArgumentTypeError(f"{text!r} names no date; expected YYYY-MM-DD[,YYYY-MM-DD…]")
    return dates


def _late_days(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 0 <= value <= MAX_LATE_DAYS:
        raise argparse.ArgumentTypeError(f"{value} must be 0–{MAX_LATE_DAYS}")
    return value


def _s3_folder(text):
    if not (text.startswith("s3://") and text.endswith("/") and len(text) > len("s3://x/")):
        raise argparse.ArgumentTypeError(f"{text!r} must be an s3://bucket/prefix/ URL ending with /")
    return text


class _RaisingParser(argparse.ArgumentParser):
    def error(self, message):
        raise JobArgumentError(f"enrich_silver.py: {message}")


def parse_spark_args(argv):
    """The EMR Serverless arguments (argv without the script name) as a dict; JobArgumentError when unusable."""
    parser = _RaisingParser(prog="enrich_silver.py", allow_abbrev=False)
    parser.add_argument("--engine", choices=ENGINES, default="emr-serverless")
    parser.add_argument("--silver_path", required=True, type=_s3_folder)
    parser.add_argument("--staging_path", required=True, type=_s3_folder)
    parser.add_argument("--staging_database", required=True)
    parser.add_argument("--staging_table", required=True)
    parser.add_argument("--geo_lookup_path", required=True)
    parser.add_argument("--device_lookup_path", required=True)
    parser.add_argument("--event_dates", type=_date_list, default=None)
    parser.add_argument("--late_days", type=_late_days, default=DEFAULT_LATE_DAYS)
    return vars(parser.parse_args(argv))


def default_event_dates(today):
    """Yesterday and today: yesterday's partition gets its after-midnight arrivals, today's what has arrived."""
    return [today - datetime.timedelta(days=1), today]


def arrival_day_paths(silver_path, event_dates, late_days, today):
    """SILVER arrival-day folders (Firehose's year=/month=/day=) that can hold events of `event_dates`:
    each event day and the `late_days` after it, never after `today`, each once, in date order."""
    days = set()
    for event_date in event_dates:
        for offset in range(late_days + 1):
            day = event_date + datetime.timedelta(days=offset)
            if day <= today:
                days.add(day)
    return [f"{silver_path}year={d.year:04d}/month={d.month:02d}/day={d.day:02d}/" for d in sorted(days)]


def _enriched_frame(spark, silver, geo_lookup_path, device_lookup_path):
    """SILVER DataFrame → STAGING DataFrame (STAGING_SCHEMA's columns), rows without an event_date dropped."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    from enrichment import STAGING_SCHEMA, DeviceTable, GeoTable, enrich_event

    sc = spark.sparkContext

    def read_text(path):
        return "".join(sc.wholeTextFiles(path).values().collect())

    geo = sc.broadcast(GeoTable(read_text(geo_lookup_path)))
    devices = sc.broadcast(DeviceTable(read_text(device_lookup_path)))
    if "parameters" in silver.columns and not isinstance(silver.schema["parameters"].dataType, StringType):
        silver = silver.withColumn("parameters", F.to_json(F.col("parameters")))

    spark_types = {"string": StringType(), "int": IntegerType()}
    schema = StructType([StructField(name, spark_types[kind], True) for name, kind in STAGING_SCHEMA])

    def enrich_partition(rows):
        geo_table, device_table = geo.value, devices.value
        for row in rows:
            enriched = enrich_event(row.asDict(), geo_table, device_table)
            yield tuple(enriched[name] for name, _ in STAGING_SCHEMA)

    return spark.createDataFrame(silver.rdd.mapPartitions(enrich_partition), schema).where(F.col("event_date").isNotNull())


def run_on_glue(argv):
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext

    args = getResolvedOptions(argv, list(REQUIRED_ARGS))
    glue = GlueContext(SparkContext.getOrCreate())
    job = Job(glue)
    job.init(args["JOB_NAME"], args)
    silver = glue.create_dynamic_frame.from_options(
        connection_type="s3",
        connection_options={"paths": [args["silver_path"]], "recurse": True},
        format="json",
        transformation_ctx="silver_source",
    ).toDF()
    if silver.rdd.isEmpty():
        job.commit()  # nothing new since the last bookmark
        return
    staging = _enriched_frame(glue.spark_session, silver, args["geo_lookup_path"], args["device_lookup_path"])
    sink = glue.getSink(
        connection_type="s3",
        path=args["staging_path"],
        enableUpdateCatalog=True,
        updateBehavior="UPDATE_IN_DATABASE",
        partitionKeys=["event_date"],
        transformation_ctx="staging_sink",
    )
    sink.setFormat("glueparquet", compression="snappy")
    sink.setCatalogInfo(catalogDatabase=args["staging_database"], catalogTableName=args["staging_table"])
    sink.writeFrame(DynamicFrame.fromDF(staging, glue, "staging"))
    job.commit()


def run_on_spark(argv, today=None):
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    args = parse_spark_args(argv)
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    event_dates = args["event_dates"] or default_event_dates(today)
    spark = SparkSession.builder.appName(f"enrich-silver-{args['staging_table']}").getOrCreate()
    # Only the event_date partitions this run writes are replaced; older ones stay.
    spark.conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic")
    jvm, hadoop_conf = spark.sparkContext._jvm, spark.sparkContext._jsc.hadoopConfiguration()

    def exists(url):
        path = jvm.org.apache.hadoop.fs.Path(url)
        return path.getFileSystem(hadoop_conf).exists(path)

    paths = [p for p in arrival_day_paths(args["silver_path"], event_dates, args["late_days"], today) if exists(p)]
    if not paths:
        print(f"no SILVER arrival partitions for event dates {[d.isoformat() for d in event_dates]}; nothing to rebuild")
        return
    silver = spark.read.option("recursiveFileLookup", "true").json(paths)
    if not silver.columns:
        return  # the partitions hold only empty files
    wanted = [d.isoformat() for d in event_dates]
    staging = _enriched_frame(spark, silver, args["geo_lookup_path"], args["device_lookup_path"]).where(F.col("event_date").isin(wanted))
    staging.repartition("event_date").write.mode("overwrite").partitionBy("event_date").parquet(args["staging_path"], compression="snappy")


def main(argv):
    try:
        import awsglue  # noqa: F401  (only present on Glue)

        glue_importable = True
    except ImportError:
        glue_importable = False
    if select_engine(argv[1:], glue_importable) == "glue":
        run_on_glue(argv)
    else:
        run_on_spark(argv[1:])


if __name__ == "__main__":
    main(sys.argv)
