/**
 * The loader's SQL executed for real: PostgreSQL started by the test, the staging + merge statements
 * exactly as generated, and COPY in the PostgreSQL dialect fed the same CSV text Redshift would read.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { Client } from "pg";
import { headerFingerprint, parseHeaderLine } from "../../functions/warehouse-loader/header-fingerprint";
import { loadModel, mergeSql, nullKeyRowsSql, postgresCopySql, prepareStagingSql, type LoadModel } from "../../functions/warehouse-loader/load-sql";
import { startPostgres, type PostgresServer } from "../support/postgres";

interface Row {
  session_id: string | null;
  user_id: string;
  score: number;
  updated_at: string | null; // "YYYY-MM-DD HH:MM:SS"
  note: string | null;
}

const HEADER = ["session_id", "user_id", "score", "updated_at", "note"];
const SCHEMAS = { reportingSchema: "reporting", stagingSchema: "staging" };

/** CSV as the file processor writes it: NULL = unquoted empty, empty string would be quoted "". */
function csvText(rows: Row[], quoteEmptyNotes = false): string {
  const cell = (v: string | number | null) => (v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = rows.map((r) =>
    [cell(r.session_id), cell(r.user_id), cell(r.score), cell(r.updated_at), r.note === null && quoteEmptyNotes ? '""' : cell(r.note)].join(","),
  );
  return [HEADER.join(","), ...lines].join("\n") + "\n";
}

/** Reference semantics, independent of SQL: latest per key wins, NULL timestamps are oldest, ties → larger text of the other columns. */
function referenceMerge(existing: Map<string, Row>, load: Row[]): Map<string, Row> {
  const keyOf = (r: Row) => `${r.session_id}|${r.user_id}`;
  const newer = (a: Row, b: Row): boolean => {
    // true when a ranks before b inside one load
    if (a.updated_at !== b.updated_at) {
      if (a.updated_at === null) return false;
      if (b.updated_at === null) return true;
      return a.updated_at > b.updated_at;
    }
    for (const [x, y] of [[String(a.score), String(b.score)], [a.note, b.note]] as Array<[string | null, string | null]>) {
      if (x === y) continue;
      if (x === null) return false;
      if (y === null) return true;
      return x > y;
    }
    return false;
  };
  const winners = new Map<string, Row>();
  for (const row of load) {
    if (row.session_id === null) continue;
    const current = winners.get(keyOf(row));
    if (!current || newer(row, current)) winners.set(keyOf(row), row);
  }
  const result = new Map(existing);
  for (const [key, staged] of winners) {
    const old = result.get(key);
    const replaces = !old || old.updated_at === null || (staged.updated_at !== null && old.updated_at <= staged.updated_at);
    if (replaces) result.set(key, staged);
  }
  return result;
}

describe("warehouse loader SQL on PostgreSQL", function () {
  this.timeout(120_000);
  let server: PostgresServer;
  let client: Client;
  let model: LoadModel;

  before(async () => {
    server = await startPostgres();
    client = new Client({ host: server.host, port: server.port, user: server.user, database: server.database });
    await client.connect();
    model = loadModel({ table: "player_sessions", key: ["session_id", "user_id"], orderBy: "updated_at" }, parseHeaderLine(HEADER.join(",") + "\n"), SCHEMAS);
  });

  after(async () => {
    await client?.end();
    await server?.stop();
  });

  /** `keyNotNull`: declare the key columns NOT NULL in the reporting table (CREATE TABLE LIKE copies that to staging). */
  async function createReportingTable(keyNotNull: boolean): Promise<void> {
    const constraint = keyNotNull ? " NOT NULL" : "";
    await client.query(`DROP SCHEMA IF EXISTS reporting CASCADE; DROP SCHEMA IF EXISTS staging CASCADE; CREATE SCHEMA reporting`);
    await client.query(
      `CREATE TABLE reporting.player_sessions (session_id varchar(64)${constraint}, user_id varchar(64)${constraint}, score integer, updated_at timestamp, note varchar(256))`,
    );
  }

  beforeEach(() => createReportingTable(false));

  /** Runs one load the way the handler does: prepare batch, COPY, merge in one transaction. */
  async function runLoad(csv: string): Promise<number> {
    for (const statement of prepareStagingSql(model)) await client.query(statement);
    await server.copyFromStdin(postgresCopySql(model), csv);
    const nullKeys = await client.query(nullKeyRowsSql(model));
    await client.query("BEGIN");
    for (const statement of mergeSql(model)) await client.query(statement);
    await client.query("COMMIT");
    return Number(nullKeys.rows[0].null_key_rows);
  }

  async function snapshot(): Promise<Row[]> {
    const result = await client.query(
      `SELECT session_id, user_id, score, to_char(updated_at, 'YYYY-MM-DD HH24:MI:SS') AS updated_at, note FROM reporting.player_sessions ORDER BY session_id, user_id`,
    );
    return result.rows;
  }

  const sorted = (rows: Iterable<Row>) => [...rows].map((r) => ({ ...r })).sort((a, b) => `${a.session_id}|${a.user_id}`.localeCompare(`${b.session_id}|${b.user_id}`));

  it("the header's fingerprint names the column list it came from", () => {
    assert.equal(headerFingerprint(model.columns), headerFingerprint(HEADER));
    assert.notEqual(headerFingerprint(model.columns), headerFingerprint([...HEADER].reverse()));
  });

  it("dedups within a load (latest wins), maps empty fields to NULL and skips NULL keys", async () => {
    const load: Row[] = [
      { session_id: "s1", user_id: "u1", score: 10, updated_at: "2024-01-01 10:00:00", note: "first" },
      { session_id: "s1", user_id: "u1", score: 20, updated_at: "2024-01-01 11:00:00", note: "second" },
      { session_id: "s2", user_id: "u1", score: 5, updated_at: "2024-01-01 09:00:00", note: null },
      { session_id: null, user_id: "u3", score: 1, updated_at: "2024-01-01 09:00:00", note: "no key" },
    ];
    const nullKeys = await runLoad(csvText(load, true));
    assert.equal(nullKeys, 1); // the one row with an empty session_id
    // s1/u1: 11:00 beats 10:00 → score 20; s2/u1: quoted "" note loaded as NULL (EMPTYASNULL equivalent)
    assert.deepEqual(await snapshot(), [
      { session_id: "s1", user_id: "u1", score: 20, updated_at: "2024-01-01 11:00:00", note: "second" },
      { session_id: "s2", user_id: "u1", score: 5, updated_at: "2024-01-01 09:00:00", note: null },
    ]);
  });

  it("re-running the same load is idempotent, later rows win across loads, older rows do not overwrite", async () => {
    const first: Row[] = [
      { session_id: "s1", user_id: "u1", score: 20, updated_at: "2024-01-01 11:00:00", note: "a" },
      { session_id: "s2", user_id: "u1", score: 5, updated_at: "2024-01-01 09:00:00", note: "b" },
    ];
    await runLoad(csvText(first));
    const afterFirst = await snapshot();
    await runLoad(csvText(first));
    assert.deepEqual(await snapshot(), afterFirst);

    const second: Row[] = [
      { session_id: "s1", user_id: "u1", score: 15, updated_at: "2024-01-01 10:30:00", note: "older" }, // 10:30 < 11:00: ignored
      { session_id: "s2", user_id: "u1", score: 6, updated_at: "2024-01-01 12:00:00", note: "newer" }, // 12:00 > 09:00: replaces
      { session_id: "s3", user_id: "u2", score: 1, updated_at: "2024-01-02 00:00:00", note: "new key" },
    ];
    await runLoad(csvText(second));
    assert.deepEqual(await snapshot(), [first[0], second[1], second[2]]);
  });

  it("a NOT NULL key in the reporting table makes COPY reject the whole batch (staging inherits it) and merges nothing", async () => {
    await createReportingTable(true);
    const good: Row = { session_id: "s1", user_id: "u1", score: 1, updated_at: "2024-01-01 10:00:00", note: "ok" };
    await runLoad(csvText([good]));
    await assert.rejects(
      runLoad(csvText([{ ...good, score: 2, updated_at: "2024-01-02 10:00:00" }, { ...good, session_id: null }])),
      /null value in column "session_id"/,
    );
    assert.deepEqual(await snapshot(), [good]);
  });

  it("matches the reference merge for random sequences of loads (including re-runs)", async () => {
    const row = fc.record({
      session_id: fc.option(fc.constantFrom("s1", "s2", "s3"), { freq: 6 }),
      user_id: fc.constantFrom("u1", "u2"),
      score: fc.integer({ min: 0, max: 120 }),
      updated_at: fc.option(fc.constantFrom("2024-01-01 10:00:00", "2024-01-01 11:00:00", "2024-01-02 08:15:00"), { freq: 5 }),
      note: fc.option(fc.constantFrom("x", "y", "z,comma", 'q"uote'), { freq: 4 }),
    });
    const loads = fc.array(fc.array(row, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(loads, fc.boolean(), async (sequence, repeatLast) => {
        await client.query("TRUNCATE reporting.player_sessions");
        let expected = new Map<string, Row>();
        const runs = repeatLast ? [...sequence, sequence[sequence.length - 1]] : sequence;
        for (const load of runs) {
          await runLoad(csvText(load));
          expected = referenceMerge(expected, load);
        }
        assert.deepEqual(await snapshot(), sorted(expected.values()));
      }),
      { numRuns: 15 },
    );
  });
});
