/**
 * The BigQuery DDL and jobs in sql/bigquery/. No BigQuery (or DuckDB) runs here, so they are checked
 * structurally: the DDL matches seed 003 column for column, every placeholder is filled, every table a
 * query names is defined, and every column a query uses exists in the tables it reads or writes.
 */
import assert from "node:assert/strict";
import { parseCreateTable } from "../../components/gcp/bigquery-ddl";
import { dedupMatchCondition, dedupSqlValues } from "../../components/gcp/dedup-sql";
import { DS_EXPRESSION, placeholdersOf, readSql, renderSql, SQL_FILES, type SqlFile } from "../../components/gcp/sql-files";
import { LANDING_RETENTION_DAYS, warehouseDdl } from "../../components/gcp/warehouse";
import { ConfigError, parseTelemetryConfig } from "../../components/config";

/** Seed 003 "Table Creation": events, column by column. */
const SEED_EVENTS = [
  ["event_id", "STRING", "REQUIRED"], ["user_id", "STRING", "REQUIRED"], ["session_id", "STRING", "NULLABLE"],
  ["event_type", "INT64", "REQUIRED"], ["event_name", "STRING", "NULLABLE"], ["timestamp", "TIMESTAMP", "REQUIRED"],
  ["event_date", "DATE", "REQUIRED"], ["parameters", "JSON", "NULLABLE"], ["platform", "STRING", "NULLABLE"],
  ["app_version", "STRING", "NULLABLE"], ["country", "STRING", "NULLABLE"], ["region", "STRING", "NULLABLE"],
  ["device_category", "STRING", "NULLABLE"], ["device_tier", "STRING", "NULLABLE"], ["is_paying_user", "BOOL", "NULLABLE"],
  ["days_since_install", "INT64", "NULLABLE"],
];
const SEED_LEVEL_METRICS = [
  ["level_id", "INT64", "REQUIRED"], ["date", "DATE", "REQUIRED"], ["attempts", "INT64", "NULLABLE"], ["completions", "INT64", "NULLABLE"],
  ["pass_rate", "FLOAT64", "NULLABLE"], ["avg_moves", "FLOAT64", "NULLABLE"], ["avg_time_seconds", "FLOAT64", "NULLABLE"],
  ["p50_moves", "INT64", "NULLABLE"], ["p95_moves", "INT64", "NULLABLE"], ["unique_players", "INT64", "NULLABLE"],
  ["booster_usage_rate", "FLOAT64", "NULLABLE"], ["retry_rate", "FLOAT64", "NULLABLE"],
];

const config = parseTelemetryConfig({ variant: "gcp-native" });
const ddl = warehouseDdl();
const TABLES: Record<string, string[]> = Object.fromEntries(Object.values(ddl).map((t) => [t.table, t.columns.map((c) => c.name)]));
const VALUES = {
  project: "p",
  dataset: "d",
  silver_bucket: "silver-bucket",
  gold_bucket: "gold-bucket",
  landing_retention_days: LANDING_RETENTION_DAYS,
  ...dedupSqlValues(config, ddl.events.columns),
};
const QUERY_FILES: SqlFile[] = ["computeLevelMetrics", "computeUserMetrics", "dataQualityCheck", "dedupMerge", "exportSilver", "exportGold"];

/** SQL words, functions, types and literals the jobs use — everything an identifier may be besides a column or alias. */
const SQL_WORDS = new Set(
  `select from where and or not in is null as with insert into values merge using on when matched then delete update set group by order
   partition over left join cast if countif count distinct avg approx_quantiles offset safe_divide coalesce sum date date_sub interval day
   minute timestamp_sub json_value int64 float64 row_number except execute immediate format export data options uri true false replace
   to_json_string error string row rows overwrite parquet`.split(/\s+/),
);

/** Identifiers used as columns: the statement minus comments, strings, table refs, keywords, aliases and CTE names. */
function columnIdentifiers(sql: string): string[] {
  const text = sql
    .replace(/--[^\n]*/g, " ")
    .replace(/"""[\s\S]*?"""/g, (inner) => ` ${inner.slice(3, -3).replace(/'[^']*'/g, " ")} `)
    .replace(/'[^']*'/g, " ")
    .replace(/`[^`]*`/g, " ")
    .replace(/@\w+/g, " ");
  const aliases = new Set([...text.matchAll(/\bas\s+([a-z_]\w*)/gi)].map((m) => m[1].toLowerCase()));
  for (const m of text.matchAll(/\b([a-z_]\w*)\s+as\s*\(/gi)) aliases.add(m[1].toLowerCase());
  for (const m of text.matchAll(/\b(?:from|join|using)\s+([a-z_]\w*)(?:\s+([a-z_]\w*))?/gi)) {
    aliases.add(m[1].toLowerCase());
    if (m[2] && !SQL_WORDS.has(m[2].toLowerCase())) aliases.add(m[2].toLowerCase());
  }
  for (const m of text.matchAll(/\)\s*(?:as\s+)?([a-z_]\w*)/gi)) aliases.add(m[1].toLowerCase());
  const words = [...text.matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/gi)].map((m) => m[1].toLowerCase());
  return [...new Set(words.filter((w) => !SQL_WORDS.has(w) && !aliases.has(w) && !/^\d/.test(w)))];
}

function tablesReferenced(sql: string): string[] {
  return [...new Set([...sql.matchAll(/`[^`.]+\.[^`.]+\.(\w+)`/g)].map((m) => m[1]))];
}

describe("gcp: BigQuery SQL (structural checks; no engine runs here)", () => {
  it("defines events exactly as seed 003: columns, types, NOT NULL, partitioning, clustering, options", () => {
    const events = ddl.events;
    assert.deepEqual(events.columns.map((c) => [c.name, c.type, c.mode]), SEED_EVENTS);
    assert.deepEqual(events.partitionBy, { column: "event_date", viaDate: false });
    assert.deepEqual(events.clusterBy, ["event_type", "user_id"]);
    assert.deepEqual(events.options, { partition_expiration_days: "365", require_partition_filter: "true" });
  });

  it("defines level_metrics exactly as seed 003, partitioned by date and clustered by level_id", () => {
    assert.deepEqual(ddl.levelMetrics.columns.map((c) => [c.name, c.type, c.mode]), SEED_LEVEL_METRICS);
    assert.deepEqual(ddl.levelMetrics.partitionBy, { column: "date", viaDate: false });
    assert.deepEqual(ddl.levelMetrics.clusterBy, ["level_id"]);
  });

  it("gives user_daily_metrics the columns seed 003's INSERT names, and events_landing every events column", () => {
    assert.deepEqual(TABLES.user_daily_metrics, ["user_id", "date", "sessions", "events", "levels_played", "levels_completed", "playtime_minutes", "revenue_usd"]);
    assert.deepEqual(TABLES.events_landing.slice(0, TABLES.events.length), TABLES.events);
    assert.deepEqual(ddl.eventsLanding.partitionBy, { column: "received_at", viaDate: true });
  });

  it("rejects DDL it cannot read instead of guessing", () => {
    assert.throws(() => parseCreateTable("CREATE TABLE `a.b.c` (x STRUCT<y INT64>)"), SyntaxError);
    assert.throws(() => parseCreateTable("CREATE TABLE `a.b.c` (x STRING) CLUSTER BY y"), /unknown column y/);
  });

  for (const file of Object.keys(SQL_FILES) as SqlFile[]) {
    it(`${SQL_FILES[file]}: every placeholder is filled and only defined tables are named`, () => {
      const rendered = renderSql(readSql(file), VALUES);
      assert.doesNotMatch(rendered, /\{\{/);
      for (const table of tablesReferenced(rendered)) assert.ok(table in TABLES, `${SQL_FILES[file]} names undefined table ${table}`);
    });
  }

  for (const file of QUERY_FILES) {
    it(`${SQL_FILES[file]}: every column it uses exists in a table it references`, () => {
      const rendered = renderSql(readSql(file), VALUES);
      const available = new Set(tablesReferenced(rendered).flatMap((t) => TABLES[t]));
      const unknown = columnIdentifiers(rendered).filter((id) => !available.has(id));
      assert.deepEqual(unknown, [], `${SQL_FILES[file]} uses unknown column(s)`);
    });
  }

  it("the column checker catches an unknown column (guards the check above)", () => {
    const bad = renderSql("SELECT user_id, nonexistent_col FROM `{{project}}.{{dataset}}.events` WHERE event_date = '{{ ds }}'", VALUES);
    assert.deepEqual(columnIdentifiers(bad).filter((id) => !TABLES.events.includes(id)), ["nonexistent_col"]);
  });

  it("INSERT column lists name only columns of their target table", () => {
    for (const file of QUERY_FILES) {
      const rendered = renderSql(readSql(file), VALUES);
      for (const m of rendered.matchAll(/INSERT\s+(?:INTO\s+`[^`]+\.(\w+)`\s*)?\(([^)]*)\)/gi)) {
        const target = m[1] ?? "events"; // MERGE … INSERT (…) writes the MERGE target, events
        for (const column of m[2].split(",").map((c) => c.trim())) assert.ok(TABLES[target].includes(column), `${SQL_FILES[file]}: ${target}.${column}`);
      }
    }
  });

  it("level metrics: the level_events CTE selects the timestamp retry_stats orders by (seed 003's query omitted it)", () => {
    const sql = readSql("computeLevelMetrics");
    const cte = /level_events AS \(([\s\S]*?)\),/i.exec(sql)![1];
    assert.match(cte, /^\s*timestamp,$/m);
    assert.match(sql, /ORDER BY timestamp/);
  });

  it("turns seed 003's '{{ ds }}' into the scheduled query's previous day, filtering the events partition", () => {
    const rendered = renderSql(readSql("computeUserMetrics"), VALUES);
    assert.ok(rendered.includes(`WHERE event_date = ${DS_EXPRESSION}`));
    assert.deepEqual(placeholdersOf(readSql("computeUserMetrics")), ["dataset", "project"]);
    assert.throws(() => renderSql(readSql("exportGold"), { project: "p", dataset: "d" }), /\{\{gold_bucket\}\} has no value/);
  });

  describe("dedup MERGE", () => {
    it("looks back the dedup window plus one schedule interval and filters the events partitions an event can have", () => {
      // defaults: dedupWindowMinutes 30, dedupIntervalMinutes 15 → 45; maxAgeDays 7 → 7 + 1 = 8 days
      const rendered = renderSql(readSql("dedupMerge"), VALUES);
      assert.ok(rendered.includes("INTERVAL 45 MINUTE"));
      assert.ok(rendered.includes("target.event_date >= DATE_SUB(DATE(@run_time), INTERVAL 8 DAY)"));
      assert.ok(rendered.includes("PARTITION BY dedup_key ORDER BY received_at"));
    });

    it("inserts every events column from the source, in DDL order", () => {
      const rendered = renderSql(readSql("dedupMerge"), VALUES);
      const insert = /INSERT \(([^)]*)\)\s*VALUES \(([^)]*)\)/.exec(rendered)!;
      assert.deepEqual(insert[1].split(", "), TABLES.events);
      assert.deepEqual(insert[2].split(", "), TABLES.events.map((c) => `source.${c}`));
    });

    it("matches on the configured dedup key fields, mapped to seed 003 columns", () => {
      assert.equal(dedupMatchCondition(["event_id"]), "target.event_id IS NOT DISTINCT FROM source.event_id");
      assert.equal(
        dedupMatchCondition(["user_id", "event_timestamp"]),
        "target.user_id IS NOT DISTINCT FROM source.user_id\n   AND target.timestamp IS NOT DISTINCT FROM source.timestamp",
      );
      assert.throws(() => dedupMatchCondition(["game_id"]), (e: Error) => e instanceof ConfigError && /game_id/.test(e.message) && /allowed fields: event_id/.test(e.message));
    });
  });
});
