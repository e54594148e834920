/**
 * The SQL files under `sql/bigquery/` and how placeholders in them are filled. Pure apart from
 * reading the files. `{{name}}` placeholders are program values; seed 003's Airflow macro `'{{ ds }}'`
 * (the day being computed, yesterday for a daily run) becomes the scheduled-query expression
 * `DATE_SUB(@run_date, INTERVAL 1 DAY)`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const SQL_DIR = join(__dirname, "..", "..", "sql", "bigquery");

export const SQL_FILES = {
  events: "events.sql",
  eventsLanding: "events_landing.sql",
  levelMetrics: "level_metrics.sql",
  userDailyMetrics: "user_daily_metrics.sql",
  computeLevelMetrics: "compute_level_metrics.sql",
  computeUserMetrics: "compute_user_metrics.sql",
  dataQualityCheck: "data_quality_check.sql",
  dedupMerge: "dedup_merge.sql",
  exportSilver: "export_silver.sql",
  exportGold: "export_gold.sql",
} as const;
export type SqlFile = keyof typeof SQL_FILES;

/** The scheduled-query expression for seed 003's `ds`: the previous day relative to the run date. */
export const DS_EXPRESSION = "DATE_SUB(@run_date, INTERVAL 1 DAY)";

export function readSql(file: SqlFile): string {
  return readFileSync(join(SQL_DIR, SQL_FILES[file]), "utf8");
}

/**
 * Fills every `{{name}}` from `values` and `'{{ ds }}'` with DS_EXPRESSION.
 * @throws Error naming the placeholder when one has no value, so a half-filled query never deploys.
 */
export function renderSql(sql: string, values: Record<string, string | number>): string {
  const withDs = sql.replace(/'\{\{\s*ds\s*\}\}'/g, DS_EXPRESSION);
  return withDs.replace(/\{\{\s*([\w]+)\s*\}\}/g, (_whole, name: string) => {
    if (!(name in values)) throw new Error(`SQL placeholder {{${name}}} has no value (have: ${Object.keys(values).join(", ")})`);
    return String(values[name]);
  });
}

/** Placeholder names a file uses (the `ds` macro excluded). */
export function placeholdersOf(sql: string): string[] {
  const names = new Set<string>();
  for (const match of sql.replace(/'\{\{\s*ds\s*\}\}'/g, "").matchAll(/\{\{\s*([\w]+)\s*\}\}/g)) names.add(match[1]);
  return [...names].sort();
}
