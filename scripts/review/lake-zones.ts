/**
 * Steady-state lake storage per zone: what one day brings × the zone's retention (objects expire by
 * lifecycle), with stated compression ratios. Shared by the S3 and GCS estimators.
 */
import type { TelemetryConfig } from "../../components/config";
import type { EstimatorContext } from "./cost-context";
import { DEAD_LETTER_SIZE_FACTOR, GB } from "./traffic";

/** GZIP'd NDJSON of game events compresses about 5:1. */
export const RAW_COMPRESSION = 0.2;
/** Parquet (columnar, Snappy) of the SILVER envelope: about 4:1. */
export const SILVER_COMPRESSION = 0.25;
/** GOLD holds daily aggregates: about 1% of SILVER's bytes. */
export const GOLD_SHARE_OF_SILVER = 0.01;

export type Zone = "raw" | "silver" | "gold" | "deadLetter" | "staging";

export function zoneOf(bucketName: string): Zone | undefined {
  if (/dead-?letter|dlq/i.test(bucketName)) return "deadLetter";
  if (/stag/i.test(bucketName)) return "staging";
  if (/silver/i.test(bucketName)) return "silver";
  if (/gold/i.test(bucketName)) return "gold";
  if (/raw/i.test(bucketName)) return "raw";
  return undefined;
}

function retentionDays(config: TelemetryConfig, zone: Zone): number {
  const zones = config.retention.zones;
  return zone === "staging" ? zones.silver : zones[zone];
}

/** GB stored in a zone once lifecycle expiry balances new data; undefined for buckets outside the zones. */
export function zoneStorageGB(bucketName: string, context: EstimatorContext): number | undefined {
  const zone = zoneOf(bucketName);
  if (!zone) {
    context.assume(`bucket "${bucketName}" is outside the lake zones (logs, code, query results): its storage is not estimated`);
    return undefined;
  }
  const { eventsPerDay, eventBytes, deadLetterFraction } = context.traffic;
  const dailyBytes: Record<Zone, number> = {
    raw: eventsPerDay * eventBytes * RAW_COMPRESSION,
    silver: eventsPerDay * eventBytes * SILVER_COMPRESSION,
    staging: eventsPerDay * eventBytes * SILVER_COMPRESSION,
    gold: eventsPerDay * eventBytes * SILVER_COMPRESSION * GOLD_SHARE_OF_SILVER,
    deadLetter: eventsPerDay * deadLetterFraction * eventBytes * DEAD_LETTER_SIZE_FACTOR * RAW_COMPRESSION,
  };
  context.assume(
    `lake storage is steady state: a day's data × the zone's retention days; RAW ${RAW_COMPRESSION * 100}% of event bytes (GZIP), SILVER/STAGING ${SILVER_COMPRESSION * 100}% (Parquet), GOLD ${GOLD_SHARE_OF_SILVER * 100}% of SILVER`,
  );
  return (dailyBytes[zone] * retentionDays(context.config, zone)) / GB;
}
