/**
 * The STAGING zone's table (pure): SILVER events enriched by the Spark job (jobs/glue/enrich_silver.py)
 * with seed 003's geo and device lookups and derived date fields, written as Parquet partitioned by
 * `event_date`. The table exists before the first run (the GOLD SQL can plan against it); partition
 * projection lets Athena find new days even before the job's catalog update registers them.
 */
import { SILVER_COLUMNS, type GlueColumn } from "../glue-tables";

export const STAGING_TABLE_NAME = "staging_events";
/** Prefix inside the staging bucket; the job writes `<prefix>event_date=YYYY-MM-DD/part-….parquet`. */
export const STAGING_PREFIX = "staging/";
export const STAGING_EVENTS_PREFIX = `${STAGING_PREFIX}events/`;

/** What jobs/glue/enrichment.py adds to SILVER (its STAGING_SCHEMA; a test keeps the two in step). */
export const STAGING_ENRICHMENT_COLUMNS: GlueColumn[] = [
  { name: "country", type: "string", comment: "from the geo lookup of parameters.ip_address (seed 003), null when unknown" },
  { name: "region", type: "string" },
  { name: "city", type: "string" },
  { name: "device_category", type: "string", comment: "from the device lookup of parameters.device_model (seed 003)" },
  { name: "device_tier", type: "string" },
  { name: "day_of_week", type: "int", comment: "derived from event_timestamp" },
];

/** SILVER columns minus the partition column (event_hour stays an int), then the enrichment. */
export const STAGING_COLUMNS: GlueColumn[] = [...SILVER_COLUMNS.filter((c) => c.name !== "event_date"), ...STAGING_ENRICHMENT_COLUMNS];
export const STAGING_PARTITION_KEYS: GlueColumn[] = [{ name: "event_date", type: "string", comment: "YYYY-MM-DD of event_timestamp" }];

export const PROJECTION_FIRST_DATE = "2025-01-01";

export function stagingTableParameters(bucket: string): Record<string, string> {
  return {
    classification: "parquet",
    EXTERNAL: "TRUE",
    "parquet.compression": "SNAPPY",
    "projection.enabled": "true",
    "projection.event_date.type": "date",
    "projection.event_date.format": "yyyy-MM-dd",
    "projection.event_date.range": `${PROJECTION_FIRST_DATE},NOW`,
    "projection.event_date.interval": "1",
    "projection.event_date.interval.unit": "DAYS",
    "storage.location.template": `s3://${bucket}/${STAGING_EVENTS_PREFIX}event_date=\${event_date}/`,
  };
}

export const PARQUET = {
  inputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
  outputFormat: "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
  serDeInfo: { serializationLibrary: "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", parameters: { "serialization.format": "1" } },
};
