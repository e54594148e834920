/**
 * Where things live in the lake (pure). Three zone buckets: RAW holds the raw events and the
 * dead letters (both are "as received" bytes, read by the same replay tooling, under the same
 * access rules) under separate prefixes with separate lifecycles; SILVER and GOLD hold one zone each;
 * GOLD also keeps Athena query results. Firehose writes arrival-time hour partitions.
 */
import type { TelemetryConfig } from "../config";

export const LAKE_PREFIXES = {
  raw: "raw/",
  rawErrors: "raw-errors/",
  deadLetter: "dead-letter/",
  deadLetterErrors: "dead-letter-errors/",
  silver: "silver/",
  silverErrors: "silver-errors/",
  gold: "gold/",
  athenaResults: "athena-results/",
} as const;

export type LakeBucketName = "raw" | "silver" | "gold";

/** Athena results are scratch output of queries, not data: kept 30 days. */
export const ATHENA_RESULTS_DAYS = 30;
/** Overwritten/deleted object versions stay recoverable this long. */
export const NONCURRENT_VERSION_DAYS = 30;
/** Uploads Firehose abandoned mid-way are cleaned up after this many days. */
export const ABORT_MULTIPART_DAYS = 7;

export interface ExpiryRule {
  id: string;
  prefix: string;
  days: number;
}

/** Expiry per prefix of each zone bucket, from `retention.zones` (delivery errors live as long as their data). */
export function lakeExpiryRules(bucket: LakeBucketName, retention: TelemetryConfig["retention"]): ExpiryRule[] {
  const zones = retention.zones;
  switch (bucket) {
    case "raw":
      return [
        { id: "expire-raw", prefix: LAKE_PREFIXES.raw, days: zones.raw },
        { id: "expire-raw-errors", prefix: LAKE_PREFIXES.rawErrors, days: zones.raw },
        { id: "expire-dead-letter", prefix: LAKE_PREFIXES.deadLetter, days: zones.deadLetter },
        { id: "expire-dead-letter-errors", prefix: LAKE_PREFIXES.deadLetterErrors, days: zones.deadLetter },
      ];
    case "silver":
      return [
        { id: "expire-silver", prefix: LAKE_PREFIXES.silver, days: zones.silver },
        { id: "expire-silver-errors", prefix: LAKE_PREFIXES.silverErrors, days: zones.silver },
      ];
    case "gold":
      return [
        { id: "expire-gold", prefix: LAKE_PREFIXES.gold, days: zones.gold },
        { id: "expire-athena-results", prefix: LAKE_PREFIXES.athenaResults, days: ATHENA_RESULTS_DAYS },
      ];
  }
}

/** `raw/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/` */
export function hourPartitionedPrefix(prefix: string): string {
  return `${prefix}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`;
}

/** Firehose requires `!{firehose:error-output-type}` in an error prefix that uses expressions. */
export function errorOutputPrefix(errorsPrefix: string): string {
  return `${errorsPrefix}!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`;
}

/** Globally unique bucket name: `tlm-<stack>-<zone>-<account>-<region>`, lower-case, ≤ 63 characters. */
export function lakeBucketName(stack: string, zone: string, accountId: string, region: string): string {
  const suffix = `-${accountId}-${region}`;
  const stem = `tlm-${stack}-${zone}`.toLowerCase().replace(/[^a-z0-9-]/g, "-").replace(/-+/g, "-");
  const room = 63 - suffix.length;
  return `${stem.length > room ? stem.slice(0, room).replace(/-+$/, "") : stem}${suffix}`;
}
