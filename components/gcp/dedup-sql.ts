/**
 * The scheduled MERGE that deduplicates events_landing into events (sql/bigquery/dedup_merge.sql),
 * filled for this stack: the match condition follows `telemetry:dedupKeyFields`, the look-back
 * covers the dedup window plus one schedule interval (so every landed row is seen by a run), and the
 * column lists come from the events DDL.
 */
import { ConfigError, type TelemetryConfig } from "../config";
import type { DdlColumn } from "./bigquery-ddl";

/** SILVER dedup fields → the seed 003 events columns that hold them. */
export const DEDUP_FIELD_COLUMNS: Record<string, readonly string[]> = {
  event_id: ["event_id"],
  user_id: ["user_id"],
  session_id: ["session_id"],
  event_type: ["event_type", "event_name"],
  event_timestamp: ["timestamp"],
};

export function dedupMatchCondition(fields: TelemetryConfig["dedupKeyFields"]): string {
  const columns: string[] = [];
  for (const field of fields) {
    const mapped = DEDUP_FIELD_COLUMNS[field];
    if (!mapped) {
      throw new ConfigError(
        `telemetry:dedupKeyFields = ${JSON.stringify(fields)} is invalid for the gcp variants: ${field} is not a column of seed 003's events table; allowed fields: ${Object.keys(DEDUP_FIELD_COLUMNS).join(", ")}`,
      );
    }
    columns.push(...mapped);
  }
  // IS NOT DISTINCT FROM: two NULL session ids are the same key, as in the core's dedup key.
  return columns.map((c) => `target.${c} IS NOT DISTINCT FROM source.${c}`).join("\n   AND ");
}

export interface DedupSqlValues extends Record<string, string | number> {
  lookback_minutes: number;
  max_age_days: number;
  dedup_match: string;
  event_columns: string;
  source_event_columns: string;
}

export function dedupSqlValues(config: Pick<TelemetryConfig, "dedupWindowMinutes" | "dedupKeyFields" | "event" | "gcp">, eventColumns: readonly DdlColumn[]): DedupSqlValues {
  const names = eventColumns.map((c) => c.name);
  return {
    lookback_minutes: config.dedupWindowMinutes + config.gcp.dedupIntervalMinutes,
    // One extra day: an event stamped just under maxAgeDays ago can fall on the day before.
    max_age_days: config.event.maxAgeDays + 1,
    dedup_match: dedupMatchCondition(config.dedupKeyFields),
    event_columns: names.join(", "),
    source_event_columns: names.map((n) => `source.${n}`).join(", "),
  };
}
