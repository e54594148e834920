/**
 * Glue table definitions for the RAW and SILVER zones (pure). Both zones are GZIP-compressed
 * newline-delimited JSON written by Firehose in arrival-time hour partitions; partition projection
 * means Athena needs no crawler and no `MSCK REPAIR`.
 */
import { LAKE_PREFIXES } from "./lake-layout";

export interface GlueColumn {
  name: string;
  type: string;
  comment?: string;
}

/** The ingest envelope the API / producer writes to the raw stream (see functions/core). */
export const RAW_COLUMNS: GlueColumn[] = [
  { name: "_ingest", type: "struct<game_id:string,request_id:string,received_at:string>", comment: "who/when the ingest API received the event" },
  { name: "_event", type: "string", comment: "the event exactly as the client sent it (JSON text)" },
];

/** The SILVER envelope (DESIGN.md "Event contract"). */
export const SILVER_COLUMNS: GlueColumn[] = [
  { name: "event_id", type: "string" },
  { name: "event_type", type: "string" },
  { name: "event_timestamp", type: "string", comment: "UTC ISO-8601 with milliseconds" },
  { name: "received_at", type: "string", comment: "UTC ISO-8601 with milliseconds" },
  { name: "user_id", type: "string" },
  { name: "session_id", type: "string" },
  { name: "game_id", type: "string" },
  { name: "platform", type: "string" },
  { name: "app_version", type: "string" },
  { name: "parameters", type: "string", comment: "JSON object text; unknown input fields land here" },
  { name: "event_date", type: "string", comment: "YYYY-MM-DD of event_timestamp" },
  { name: "event_hour", type: "int" },
];

export const HOUR_PARTITION_KEYS: GlueColumn[] = [
  { name: "year", type: "string" },
  { name: "month", type: "string" },
  { name: "day", type: "string" },
  { name: "hour", type: "string" },
];

/** First year the projection enumerates; Athena only lists partitions a query's predicate selects. */
export const PROJECTION_FIRST_YEAR = 2025;
export const PROJECTION_LAST_YEAR = 2099;

/** Table parameters enabling partition projection over `<prefix>year=/month=/day=/hour=/`. */
export function hourProjectionParameters(bucket: string, prefix: string): Record<string, string> {
  return {
    classification: "json",
    compressionType: "gzip",
    EXTERNAL: "TRUE",
    "projection.enabled": "true",
    "projection.year.type": "integer",
    "projection.year.range": `${PROJECTION_FIRST_YEAR},${PROJECTION_LAST_YEAR}`,
    "projection.month.type": "integer",
    "projection.month.range": "1,12",
    "projection.month.digits": "2",
    "projection.day.type": "integer",
    "projection.day.range": "1,31",
    "projection.day.digits": "2",
    "projection.hour.type": "integer",
    "projection.hour.range": "0,23",
    "projection.hour.digits": "2",
    "storage.location.template": `s3://${bucket}/${prefix}year=\${year}/month=\${month}/day=\${day}/hour=\${hour}/`,
  };
}

/** The OpenX JSON SerDe tolerates malformed lines (they read as NULLs) instead of failing a query. */
export const JSON_SERDE = {
  serializationLibrary: "org.openx.data.jsonserde.JsonSerDe",
  parameters: { "ignore.malformed.json": "true" },
};

export const TEXT_INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat";
export const TEXT_OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

export const LAKE_TABLES = {
  raw: { name: "raw_events", prefix: LAKE_PREFIXES.raw, columns: RAW_COLUMNS },
  silver: { name: "silver_events", prefix: LAKE_PREFIXES.silver, columns: SILVER_COLUMNS },
} as const;

/**
 * Athena bytes-scanned cutoff per query: one day of data at the average rate (a query scanning more
 * than a day's worth is almost certainly missing a partition predicate), at least 10 GiB.
 */
export const ATHENA_MIN_CUTOFF_BYTES = 10 * 1024 ** 3;
export function athenaBytesScannedCutoff(load: { averageEventsPerSecond: number; averageEventBytes: number }): number {
  return Math.max(ATHENA_MIN_CUTOFF_BYTES, load.averageEventsPerSecond * load.averageEventBytes * 86_400);
}
