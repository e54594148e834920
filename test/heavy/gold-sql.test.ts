/** sql/gold: the file list, placeholder rendering and the Step Functions splicing of run-time values. */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import {
  DEPLOY_PLACEHOLDERS,
  GOLD_QUERIES,
  placeholdersIn,
  readGoldSql,
  renderGoldQuery,
  renderPlaceholders,
  RUNTIME_PLACEHOLDERS,
  statesFormatExpression,
} from "../../sql/gold/gold-queries";
import { SAMPLE_VALUES } from "./gold-fixtures";
import { evaluateStatesFormat } from "./states-format-eval";

const SQL_DIR = join(__dirname, "../../sql/gold");

describe("GOLD SQL files", () => {
  it("lists every .sql file in sql/gold exactly once, in file-name order", () => {
    const onDisk = readdirSync(SQL_DIR).filter((f) => f.endsWith(".sql")).sort();
    assert.deepEqual(GOLD_QUERIES.map((q) => q.file), onDisk);
    for (const q of GOLD_QUERIES) assert.ok(existsSync(join(SQL_DIR, q.file)), q.file);
  });

  it("uses only known placeholders, and rendering fills every one of them", () => {
    const known = new Set<string>([...DEPLOY_PLACEHOLDERS, ...RUNTIME_PLACEHOLDERS]);
    for (const query of GOLD_QUERIES) {
      const used = placeholdersIn(readGoldSql(query));
      assert.deepEqual(used.filter((p) => !known.has(p)), [], query.file);
      const rendered = renderGoldQuery(query, { ...SAMPLE_VALUES, run_date: "2024-03-05", run_id: "exec-1" });
      assert.doesNotMatch(rendered, /\$\{/, query.file);
      for (const p of used) {
        const value = { ...SAMPLE_VALUES, run_date: "2024-03-05", run_id: "exec-1" }[p as keyof typeof SAMPLE_VALUES]!;
        assert.ok(rendered.includes(value), `${query.file}: ${p} → ${value}`);
      }
    }
  });

  it("transforms are idempotent MERGEs keyed by the seed's table keys, reading one day of STAGING", () => {
    const level = renderGoldQuery(GOLD_QUERIES.find((q) => q.name === "level_metrics")!, { ...SAMPLE_VALUES, run_date: "2024-03-05" });
    assert.match(level, /^MERGE INTO telemetry_gold\.level_metrics AS t$/m);
    assert.match(level, /ON t\.level_id = m\.level_id AND t\.metric_date = m\.metric_date/);
    assert.match(level, /FROM telemetry_staging\.events_enriched\s+WHERE event_date = '2024-03-05'/);
    const users = renderGoldQuery(GOLD_QUERIES.find((q) => q.name === "user_daily_metrics")!, { ...SAMPLE_VALUES, run_date: "2024-03-05" });
    assert.match(users, /ON t\.user_id = m\.user_id AND t\.metric_date = m\.metric_date/);
    const check = renderGoldQuery(GOLD_QUERIES.find((q) => q.role === "check")!, { ...SAMPLE_VALUES, run_date: "2024-03-05" });
    // The state machine reads column 0 = passed, column 1 = failed_checks.
    assert.match(check, /END AS passed,\s+COALESCE\(/);
    assert.match(check, /\) AS failed_checks\s+FROM checks\s*$/);
  });
});

describe("placeholder rendering", () => {
  it("fails on a placeholder without a value, naming it and the file", () => {
    assert.throws(() => renderPlaceholders("SELECT * FROM ${gold_database}.t WHERE d = '${run_date}'", { gold_database: "g" }, [], "x.sql"), /x\.sql uses placeholder \$\{run_date\} but no value was given/);
  });

  it("fails on an unknown placeholder even when a value is supplied for it", () => {
    assert.throws(() => renderPlaceholders("SELECT ${colour}", { colour: "red" }), /unknown placeholder \$\{colour\}/);
  });

  it("refuses values that could change the SQL", () => {
    assert.throws(() => renderPlaceholders("SELECT 1 FROM ${gold_database}.t", { gold_database: "g; DROP TABLE x" }), /must be a Glue database name/);
    assert.throws(() => renderPlaceholders("WHERE d = '${run_date}'", { run_date: "2024-01-01' OR '1'='1" }), /must be a date YYYY-MM-DD/);
    assert.throws(() => renderPlaceholders("WHERE d = '${run_date}'", { run_date: "2024-13-01" }), /YYYY-MM-DD/);
    assert.throws(() => renderPlaceholders("LOCATION '${gold_location}'", { gold_location: "s3://bucket/no-slash" }), /ending with \//);
  });

  it("leaves run-time placeholders for later when asked to", () => {
    assert.equal(renderPlaceholders("FROM ${gold_database}.t WHERE d = '${run_date}'", { gold_database: "g" }, RUNTIME_PLACEHOLDERS), "FROM g.t WHERE d = '${run_date}'");
  });
});

describe("States.Format splicing of run-time values", () => {
  it("evaluates to the same text as direct rendering, whatever quotes, braces or backslashes the SQL holds", () => {
    // "$." rather than a bare "$": a bare "$" next to "{" would spell a placeholder the SQL files never contain
    const chunk = fc.string({ unit: fc.constantFrom("a", "'", "{", "}", "\\", " ", "$.", "\n", "é") });
    fc.assert(
      fc.property(fc.array(fc.tuple(chunk, fc.constantFrom("run_date", "run_id")), { maxLength: 4 }), chunk, (parts, tail) => {
        const sql = parts.map(([text, name]) => `${text}\${${name}}`).join("") + tail;
        const state = { run_date: "2024-03-05", run_id: "exec-1" };
        const expression = statesFormatExpression(sql, { run_date: "$.run_date", run_id: "$.run_id" });
        assert.equal(evaluateStatesFormat(expression, state), renderPlaceholders(sql, state));
      }),
      { numRuns: 300 },
    );
  });

  it("rejects placeholders without a path and paths that are not simple JSONPaths", () => {
    assert.throws(() => statesFormatExpression("x ${run_id}", { run_date: "$.run_date" }), /\$\{run_id\} has no run-time JSONPath/);
    assert.throws(() => statesFormatExpression("x ${run_date}", { run_date: "$..run_date" }), /simple JSONPath/);
  });
});
