/**
 * The per-player daily aggregates the GOLD exporter copies into the DynamoDB fast-access table: the
 * Athena SELECT the state machine runs for one run date over `user_daily_metrics` (sql/gold/01 + 03),
 * and its result columns. The state machine imports the SQL and the exporter checks the CSV header
 * against the same column list, so the two cannot drift apart.
 */

/** Result columns in SELECT order; `metric_date` is cast to text (YYYY-MM-DD) so the CSV holds the key as stored. */
export const PLAYER_DAILY_COLUMNS = ["user_id", "metric_date", "sessions", "events", "levels_played", "levels_completed", "playtime_minutes", "revenue_usd"] as const;
export type PlayerDailyColumn = (typeof PLAYER_DAILY_COLUMNS)[number];

/** Counters (whole numbers) and amounts (decimals) among the columns. */
export const PLAYER_DAILY_COUNTERS = ["sessions", "events", "levels_played", "levels_completed"] as const;
export const PLAYER_DAILY_AMOUNTS = ["playtime_minutes", "revenue_usd"] as const;

/**
 * The SELECT with its placeholders: `${gold_database}` (deploy time) and `${run_date}` (run time, spliced
 * in by the state machine), checked by sql/gold/gold-queries.ts like the SQL files' placeholders.
 */
export const PLAYER_DAILY_SELECT_SQL = [
  "-- Per-player aggregates of one day for the DynamoDB fast-access table (read back by the gold-exporter Lambda).",
  "SELECT",
  "  user_id,",
  "  CAST(metric_date AS varchar) AS metric_date,",
  ...PLAYER_DAILY_COLUMNS.slice(2).map((c, i, all) => `  ${c}${i + 1 < all.length ? "," : ""}`),
  "FROM ${gold_database}.user_daily_metrics",
  "WHERE metric_date = DATE '${run_date}'",
  "  AND user_id IS NOT NULL",
].join("\n");
