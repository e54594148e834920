/**
 * The dedup MERGE's logic run for real on PostgreSQL (15+ has MERGE), the nearest engine available:
 * sql/bigquery/dedup_merge.sql as rendered for the stack, with only BigQuery-only spellings rewritten
 * (table paths, @run_time arithmetic, SELECT * EXCEPT) — the window filter, first-arrival ranking,
 * key match and NOT MATCHED insert are the file's own.
 */
import assert from "node:assert/strict";
import { Client } from "pg";
import type { DdlColumn, TableDdl } from "../../components/gcp/bigquery-ddl";
import { dedupSqlValues } from "../../components/gcp/dedup-sql";
import { readSql, renderSql } from "../../components/gcp/sql-files";
import { LANDING_RETENTION_DAYS, warehouseDdl } from "../../components/gcp/warehouse";
import { parseTelemetryConfig } from "../../components/config";
import { startPostgres, type PostgresServer } from "../support/postgres";

const PG_TYPE: Record<DdlColumn["type"], string> = {
  STRING: "text", INT64: "bigint", FLOAT64: "double precision", NUMERIC: "numeric", BOOL: "boolean", BYTES: "bytea",
  DATE: "date", TIMESTAMP: "timestamptz", DATETIME: "timestamp", JSON: "jsonb",
};

function createTableSql(table: TableDdl): string {
  const columns = table.columns.map((c) => `"${c.name}" ${PG_TYPE[c.type]}${c.mode === "REQUIRED" ? " NOT NULL" : ""}`);
  return `CREATE TABLE ${table.table} (${columns.join(", ")})`;
}

/** BigQuery → PostgreSQL for the constructs PostgreSQL spells differently; nothing else is touched. */
function toPostgres(sql: string, runTime: string, landingColumns: string[]): string {
  const translated = sql
    .replace(/--[^\n]*/g, "")
    .replace(/MERGE `[^`]+\.(\w+)`/, "MERGE INTO $1")
    .replace(/`[^`]+\.(\w+)`/g, "$1")
    .replace(/TIMESTAMP_SUB\(@run_time, INTERVAL (\d+) MINUTE\)/g, `(TIMESTAMPTZ '${runTime}' - INTERVAL '$1 minutes')`)
    .replace(/DATE_SUB\(DATE\(@run_time\), INTERVAL (\d+) DAY\)/g, `(DATE '${runTime.slice(0, 10)}' - $1)`)
    .replace(/SELECT \* EXCEPT \(arrival\)/, `SELECT ${landingColumns.join(", ")}`)
    .replace(/\btimestamp\b(?!\s*')/g, '"timestamp"');
  assert.doesNotMatch(translated, /@run_|`|EXCEPT/, "every BigQuery-only construct is translated");
  return translated;
}

interface LandingRow {
  event_id: string;
  user_id: string;
  event_name: string;
  event_date: string;
  received_at: string;
}

describe("gcp: dedup MERGE on PostgreSQL", function () {
  this.timeout(120_000);
  let server: PostgresServer;
  let client: Client;
  const ddl = warehouseDdl();
  const landingColumns = ddl.eventsLanding.columns.map((c) => c.name);
  const RUN = "2026-11-22T06:00:00Z";

  before(async () => {
    server = await startPostgres();
    client = new Client({ host: server.host, port: server.port, user: server.user, database: server.database });
    await client.connect();
  });
  after(async () => {
    await client?.end();
    await server?.stop();
  });
  beforeEach(async () => {
    await client.query("DROP TABLE IF EXISTS events; DROP TABLE IF EXISTS events_landing");
    await client.query(createTableSql(ddl.events));
    await client.query(createTableSql(ddl.eventsLanding));
  });

  async function land(row: LandingRow, dedupKey: string): Promise<void> {
    await client.query(
      `INSERT INTO events_landing (event_id, user_id, event_type, event_name, "timestamp", event_date, event_hour, received_at, dedup_key, parameters)
       VALUES ($1, $2, 0, $3, $4::date, $4::date, 5, $5, $6, '{}')`,
      [row.event_id, row.user_id, row.event_name, row.event_date, row.received_at, dedupKey],
    );
  }

  async function merge(dedupKeyFields: string[] = ["event_id"]): Promise<void> {
    const config = parseTelemetryConfig({ variant: "gcp-native", dedupKeyFields });
    const values = { project: "p", dataset: "d", landing_retention_days: LANDING_RETENTION_DAYS, ...dedupSqlValues(config, ddl.events.columns) };
    await client.query(toPostgres(renderSql(readSql("dedupMerge"), values), RUN, landingColumns));
  }

  async function events(): Promise<Array<{ event_id: string; user_id: string; event_name: string }>> {
    return (await client.query("SELECT event_id, user_id, event_name FROM events ORDER BY event_id, user_id")).rows;
  }

  it("inserts each key once (first arrival wins), skips keys already in events and rows older than the look-back", async () => {
    // look-back = dedupWindowMinutes 30 + dedupIntervalMinutes 15 = 45 min before 06:00 → from 05:15
    await land({ event_id: "e1", user_id: "u1", event_name: "first", event_date: "2026-11-22", received_at: "2026-11-22T05:50:00Z" }, "e1");
    await land({ event_id: "e1", user_id: "u1", event_name: "retry", event_date: "2026-11-22", received_at: "2026-11-22T05:55:00Z" }, "e1");
    await land({ event_id: "e2", user_id: "u2", event_name: "only", event_date: "2026-11-22", received_at: "2026-11-22T05:20:00Z" }, "e2");
    await land({ event_id: "e4", user_id: "u4", event_name: "too-early", event_date: "2026-11-22", received_at: "2026-11-22T05:10:00Z" }, "e4");
    await client.query(`INSERT INTO events (event_id, user_id, event_type, event_name, "timestamp", event_date) VALUES ('e3', 'u3', 0, 'earlier', '2026-11-20', '2026-11-20')`);
    await land({ event_id: "e3", user_id: "u3", event_name: "late-duplicate", event_date: "2026-11-20", received_at: "2026-11-22T05:59:00Z" }, "e3");
    await merge();
    assert.deepEqual(await events(), [
      { event_id: "e1", user_id: "u1", event_name: "first" },
      { event_id: "e2", user_id: "u2", event_name: "only" },
      { event_id: "e3", user_id: "u3", event_name: "earlier" },
    ]);
  });

  it("is idempotent: a second run over the same window inserts nothing", async () => {
    await land({ event_id: "e1", user_id: "u1", event_name: "first", event_date: "2026-11-22", received_at: "2026-11-22T05:50:00Z" }, "e1");
    await merge();
    await merge();
    assert.equal((await events()).length, 1);
  });

  it("honours a compound dedup key: the same event_id from two users is two events", async () => {
    await land({ event_id: "e1", user_id: "u1", event_name: "a", event_date: "2026-11-22", received_at: "2026-11-22T05:50:00Z" }, "u1|e1");
    await land({ event_id: "e1", user_id: "u2", event_name: "b", event_date: "2026-11-22", received_at: "2026-11-22T05:51:00Z" }, "u2|e1");
    await merge(["user_id", "event_id"]);
    assert.deepEqual((await events()).map((e) => e.user_id), ["u1", "u2"]);
  });
});
