/**
 * Where the heavy tier keeps GOLD data in the GOLD bucket (pure). Everything sits under the lake's
 * `gold/` prefix so the GOLD expiry rule covers it.
 */
import { LAKE_PREFIXES } from "../lake-layout";

export const GOLD_PREFIXES = {
  /** Iceberg tables the GOLD batch MERGEs into (level_metrics/, user_daily_metrics/). */
  tables: `${LAKE_PREFIXES.gold}tables/`,
  /** Seed 000's "S3: aggregated metrics": the batch's UNLOAD exports. */
  aggregates: `${LAKE_PREFIXES.gold}aggregates/`,
  /** Seed 004's per-table files for the warehouse loader, its manifests and the files it loaded. */
  warehouseIncoming: `${LAKE_PREFIXES.gold}warehouse/incoming/`,
  warehouseManifests: `${LAKE_PREFIXES.gold}warehouse/manifests/`,
  warehouseLoaded: `${LAKE_PREFIXES.gold}warehouse/loaded/`,
} as const;

/** The GOLD tables the warehouse loader merges into Redshift: key columns and the column newest-wins dedup orders by. */
export const WAREHOUSE_TABLES = [
  { table: "level_metrics", key: ["level_id", "metric_date"], orderBy: "metric_date" },
  { table: "user_daily_metrics", key: ["user_id", "metric_date"], orderBy: "metric_date" },
] as const;

export function s3Url(bucket: string, prefix: string): string {
  return `s3://${bucket}/${prefix}`;
}
