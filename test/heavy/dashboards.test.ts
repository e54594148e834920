/**
 * The Grafana dashboards (dashboards/grafana/*.json): they parse, every panel has targets, and every
 * target charts something that exists — CloudWatch metrics from the pipeline's metric catalog with
 * their real dimensions, Athena SQL over the GOLD tables and columns defined in sql/gold.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FLINK_CUSTOM_METRICS, METRIC_CATALOG } from "../../dashboards/grafana/metric-catalog";
import { GOLD_QUERIES, readGoldSql } from "../../sql/gold/gold-queries";

const DIR = join(__dirname, "../../dashboards/grafana");
const GRAFANA_GLOBALS = new Set(["__from", "__to", "__interval", "__interval_ms", "__range", "__rate_interval", "__timeFilter"]);

type Json = Record<string, any>;
const load = (file: string): Json => JSON.parse(readFileSync(join(DIR, file), "utf8"));

/** Columns of each GOLD table, read from the CREATE TABLE files the state machine runs. */
function goldColumns(): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  for (const query of GOLD_QUERIES.filter((q) => q.role === "ddl")) {
    const sql = readGoldSql(query);
    const table = /CREATE TABLE IF NOT EXISTS \$\{gold_database\}\.(\w+) \(/.exec(sql)![1];
    const body = sql.slice(sql.indexOf("(") + 1, sql.indexOf("\n)"));
    tables.set(table, new Set(body.split("\n").map((line) => /^\s*(\w+)\s+\w+/.exec(line)?.[1]).filter((c): c is string => !!c)));
  }
  return tables;
}

/** Words an Athena panel query may use besides columns and its own aliases. */
const SQL_WORDS = new Set(
  "select from where group by order as and or between date from_unixtime cast timestamp double count distinct sum avg count_if nullif having limit asc desc".split(" "),
);

function identifiers(sql: string): string[] {
  const withoutLiterals = sql.replace(/'[^']*'/g, " ").replace(/\$\w+\.\w+/g, " ").replace(/\$\w+/g, " ");
  return withoutLiterals.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
}

function templateVariables(dashboard: Json): Map<string, Json> {
  return new Map((dashboard.templating?.list ?? []).map((v: Json) => [v.name, v]));
}

function variablesUsed(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === "string") for (const m of value.matchAll(/\$\{?([A-Za-z_]\w*)/g)) found.add(m[1]);
  else if (Array.isArray(value)) value.forEach((v) => variablesUsed(v, found));
  else if (value && typeof value === "object") Object.values(value).forEach((v) => variablesUsed(v, found));
  return found;
}

describe("Grafana dashboards", () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
  const columns = goldColumns();

  it("are the two seed 000 dashboards", () => {
    assert.deepEqual(files, ["business-analytics.json", "streaming-operations.json"]);
  });

  for (const file of files) {
    describe(file, () => {
      const dashboard = load(file);
      const variables = templateVariables(dashboard);

      it("has a uid, a title and panels that each have targets, unique ids and fit the 24-column grid", () => {
        assert.match(dashboard.uid, /^[a-z0-9-]{1,40}$/);
        assert.ok(dashboard.title && dashboard.panels.length >= 5);
        const ids = dashboard.panels.map((p: Json) => p.id);
        assert.equal(new Set(ids).size, ids.length);
        for (const panel of dashboard.panels) {
          assert.ok(panel.targets.length > 0, panel.title);
          const refIds = panel.targets.map((t: Json) => t.refId);
          assert.equal(new Set(refIds).size, refIds.length, panel.title);
          assert.ok(panel.gridPos.x + panel.gridPos.w <= 24, panel.title);
        }
      });

      it("uses only template variables it defines (or Grafana's globals), datasources through datasource variables", () => {
        const undefinedVars = [...variablesUsed(dashboard.panels)].filter((v) => !variables.has(v) && !GRAFANA_GLOBALS.has(v) && v !== "PROP");
        assert.deepEqual(undefinedVars, []);
        for (const panel of dashboard.panels) {
          for (const ds of [panel.datasource, ...panel.targets.map((t: Json) => t.datasource)]) {
            const name = /^\$\{(\w+)\}$/.exec(ds.uid)?.[1];
            assert.ok(name && variables.get(name)?.type === "datasource", `${panel.title}: datasource ${ds.uid}`);
          }
        }
      });

      it("charts only metrics the pipeline publishes, with their real dimensions", () => {
        for (const panel of dashboard.panels) {
          for (const target of panel.targets.filter((t: Json) => t.datasource.type === "cloudwatch")) {
            const catalog = METRIC_CATALOG[target.namespace];
            assert.ok(catalog, `${panel.title}: namespace ${target.namespace}`);
            assert.ok(catalog.metrics.includes(target.metricName), `${panel.title}: ${target.namespace}/${target.metricName}`);
            for (const [dimension, value] of Object.entries(target.dimensions)) {
              assert.ok(catalog.dimensions.includes(dimension), `${panel.title}: dimension ${dimension}`);
              assert.ok(value === "*" || value === "ALL" || value === "count" || /^\$\w+$/.test(value as string), `${panel.title}: ${dimension}=${value}`);
            }
          }
        }
      });

      it("queries only GOLD tables and columns defined in sql/gold", () => {
        for (const panel of dashboard.panels) {
          for (const target of panel.targets.filter((t: Json) => t.datasource.type === "grafana-athena-datasource")) {
            const sql: string = target.rawSQL;
            const tables = [...sql.matchAll(/\$gold_database\.(\w+)/g)].map((m) => m[1]);
            assert.ok(tables.length > 0, `${panel.title}: no GOLD table`);
            const known = new Set<string>();
            for (const table of tables) {
              assert.ok(columns.has(table), `${panel.title}: unknown GOLD table ${table}`);
              columns.get(table)!.forEach((c) => known.add(c));
            }
            const aliases = new Set([...sql.matchAll(/\bAS\s+(\w+)/gi)].map((m) => m[1]));
            const unknown = identifiers(sql).filter((w) => !SQL_WORDS.has(w.toLowerCase()) && !known.has(w) && !aliases.has(w));
            assert.deepEqual(unknown, [], `${panel.title}: ${sql}`);
          }
        }
      });
    });
  }

  it("streaming operations shows the Flink job's routing counters and the alarmed Flink health metrics", () => {
    const charted = new Set(load("streaming-operations.json").panels.flatMap((p: Json) => p.targets.map((t: Json) => `${t.namespace}/${t.metricName}`)));
    for (const metric of [...FLINK_CUSTOM_METRICS, "millisBehindLatest", "numberOfFailedCheckpoints", "downtime"]) {
      assert.ok(charted.has(`AWS/KinesisAnalytics/${metric}`), metric);
    }
    assert.ok(charted.has("AWS/States/ExecutionsFailed"));
  });

  it("the column check catches a misspelt column", () => {
    const sql = "SELECT level_id, pass_rat FROM $gold_database.level_metrics";
    const unknown = identifiers(sql).filter((w) => !SQL_WORDS.has(w.toLowerCase()) && !columns.get("level_metrics")!.has(w));
    assert.deepEqual(unknown, ["pass_rat"]);
  });
});
