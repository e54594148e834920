/**
 * The GOLD batch's Athena SQL files (this folder), in the order the state machine runs them, and the
 * rendering of their `${name}` placeholders.
 *
 * Two kinds of placeholder:
 * - deploy-time (database, table and S3 location names): known when the program builds the state
 *   machine, filled in here;
 * - run-time (`run_date`, `run_id`): known only when an execution starts; the state machine splices
 *   them in with `States.Format` (see `statesFormatExpression`).
 * Every value is checked against what its placeholder may hold before it is spliced into SQL, and a
 * placeholder without a value (or a value for no placeholder the caller declared) is an error.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type GoldStepRole = "ddl" | "transform" | "check" | "export";

export interface GoldQuery {
  /** State-name friendly name (also the file's stem without its order prefix). */
  name: string;
  file: string;
  role: GoldStepRole;
}

export const GOLD_QUERIES: readonly GoldQuery[] = [
  { name: "create_level_metrics", file: "00_create_level_metrics.sql", role: "ddl" },
  { name: "create_user_daily_metrics", file: "01_create_user_daily_metrics.sql", role: "ddl" },
  { name: "level_metrics", file: "02_level_metrics.sql", role: "transform" },
  { name: "user_daily_metrics", file: "03_user_daily_metrics.sql", role: "transform" },
  { name: "data_quality_check", file: "04_data_quality_check.sql", role: "check" },
  { name: "export_level_features", file: "05_export_level_features.sql", role: "export" },
];

export const DEPLOY_PLACEHOLDERS = ["gold_database", "staging_database", "staging_table", "gold_location", "aggregates_location"] as const;
export const RUNTIME_PLACEHOLDERS = ["run_date", "run_id"] as const;
export type DeployPlaceholder = (typeof DEPLOY_PLACEHOLDERS)[number];
export type RuntimePlaceholder = (typeof RUNTIME_PLACEHOLDERS)[number];
export type GoldSqlValues = Record<DeployPlaceholder, string>;

/** What each placeholder may hold: Glue names, S3 folder URLs, an ISO date, a Step Functions execution name. */
const VALUE_RULES: Record<DeployPlaceholder | RuntimePlaceholder, { pattern: RegExp; describe: string }> = {
  gold_database: { pattern: /^[a-z_][a-z0-9_]{0,254}$/, describe: "a Glue database name (lower-case letters, digits, _)" },
  staging_database: { pattern: /^[a-z_][a-z0-9_]{0,254}$/, describe: "a Glue database name (lower-case letters, digits, _)" },
  staging_table: { pattern: /^[a-z_][a-z0-9_]{0,254}$/, describe: "a Glue table name (lower-case letters, digits, _)" },
  gold_location: { pattern: /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/([A-Za-z0-9!_.*()=-]+\/)*$/, describe: "an s3://bucket/prefix/ URL ending with /" },
  aggregates_location: { pattern: /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/([A-Za-z0-9!_.*()=-]+\/)*$/, describe: "an s3://bucket/prefix/ URL ending with /" },
  run_date: { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, describe: "a date YYYY-MM-DD" },
  run_id: { pattern: /^[A-Za-z0-9_-]{1,80}$/, describe: "a Step Functions execution name ([A-Za-z0-9_-], at most 80)" },
};

const PLACEHOLDER = /\$\{([^}]*)\}/g;

export function readGoldSql(query: GoldQuery, directory = __dirname): string {
  return readFileSync(join(directory, query.file), "utf8");
}

/** Distinct placeholder names in order of first use. */
export function placeholdersIn(sql: string): string[] {
  return [...new Set([...sql.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export function checkPlaceholderValue(name: string, value: string): string {
  const rule = VALUE_RULES[name as DeployPlaceholder | RuntimePlaceholder];
  if (!rule) throw new Error(`unknown placeholder \${${name}}; known: ${Object.keys(VALUE_RULES).join(", ")}`);
  if (!rule.pattern.test(value)) throw new Error(`value ${JSON.stringify(value)} for \${${name}} must be ${rule.describe}`);
  return value;
}

/**
 * Fills the placeholders listed in `values`; placeholders named in `leave` stay as they are (run-time
 * ones filled later). Anything else left over is an error naming the file and the placeholder.
 */
export function renderPlaceholders(sql: string, values: Partial<Record<string, string>>, leave: readonly string[] = [], what = "SQL"): string {
  for (const name of placeholdersIn(sql)) {
    if (values[name] === undefined && !leave.includes(name)) {
      throw new Error(`${what} uses placeholder \${${name}} but no value was given (have: ${Object.keys(values).join(", ") || "none"})`);
    }
  }
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) checkPlaceholderValue(name, value);
  }
  return sql.replace(PLACEHOLDER, (whole, name: string) => (leave.includes(name) ? whole : (values[name] as string)));
}

/** Renders every GOLD file completely (deploy and run-time values), e.g. to run one by hand in the Athena console. */
export function renderGoldQuery(query: GoldQuery, values: GoldSqlValues & Partial<Record<RuntimePlaceholder, string>>): string {
  return renderPlaceholders(readGoldSql(query), values, [], query.file);
}

/** Escapes text for a string literal inside a Step Functions intrinsic function ('{}\ and ' need a backslash). */
export function escapeIntrinsicLiteral(text: string): string {
  return text.replace(/[\\'{}]/g, (ch) => `\\${ch}`);
}

/**
 * `States.Format('…{}…', $.path, …)` producing the SQL with the run-time placeholders taken from the
 * execution's state at the given JSONPaths. Deploy-time placeholders must already be rendered.
 */
export function statesFormatExpression(sql: string, runtimePaths: Partial<Record<RuntimePlaceholder, string>>): string {
  const args: string[] = [];
  let template = "";
  let last = 0;
  for (const match of sql.matchAll(PLACEHOLDER)) {
    const name = match[1] as RuntimePlaceholder;
    const path = runtimePaths[name];
    if (path === undefined) throw new Error(`placeholder \${${match[1]}} has no run-time JSONPath (have: ${Object.keys(runtimePaths).join(", ") || "none"})`);
    if (!/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(path)) throw new Error(`run-time path ${JSON.stringify(path)} for \${${name}} must be a simple JSONPath like $.run_date`);
    template += escapeIntrinsicLiteral(sql.slice(last, match.index)) + "{}";
    args.push(path);
    last = match.index! + match[0].length;
  }
  template += escapeIntrinsicLiteral(sql.slice(last));
  return `States.Format('${template}'${args.map((a) => `, ${a}`).join("")})`;
}
