/** The gold-exporter's pure parts: Athena CSV parsing, row → item mapping, backoff, batching, configuration. */
import assert from "node:assert/strict";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CsvRowParser, CsvSyntaxError } from "../../functions/gold-exporter/athena-csv";
import { backoffDelayMs, BatchWriter, MAX_BATCH_ITEMS, UnprocessedItemsError } from "../../functions/gold-exporter/batch-writer";
import { exporterConfigFromEnv, exportRequestFromEvent } from "../../functions/gold-exporter/exporter-config";
import { checkHeader, expiresAt, rowToItem } from "../../functions/gold-exporter/player-daily-item";
import { PLAYER_DAILY_COLUMNS, PLAYER_DAILY_SELECT_SQL } from "../../functions/gold-exporter/player-daily-query";
import { placeholdersIn } from "../../sql/gold/gold-queries";

const CONTEXT = { runDate: "2026-11-21", runId: "exec-1", ttlDays: 730 };
const ENV = { TABLE_NAME: "tlm-prod-player-daily", RESULT_BUCKET: "tlm-prod-gold-123456789012-us-east-1", RESULT_PREFIX: "athena-results/", TTL_DAYS: "730" };

/** Parses `text` fed in pieces of `size` characters. */
function parseInPieces(text: string, size: number) {
  const parser = new CsvRowParser();
  const rows = [];
  for (let i = 0; i < text.length; i += size) rows.push(...parser.push(text.slice(i, i + size)));
  return [...rows, ...parser.end()];
}

describe("gold exporter: Athena result CSV", () => {
  const text = '"user_id","note"\n"u1","say ""hi"", then\nleave"\n"u2",\n"u3",""\n';
  const expected = [["user_id", "note"], ["u1", 'say "hi", then\nleave'], ["u2", null], ["u3", ""]];

  it("reads quoted fields, doubled quotes, embedded commas and newlines; empty unquoted = NULL", () => {
    assert.deepEqual(parseInPieces(text, text.length), expected);
  });

  it("gives the same rows whatever the chunk boundaries (a stream splits anywhere)", () => {
    for (const size of [1, 2, 3, 5, 7]) assert.deepEqual(parseInPieces(text, size), expected, `chunks of ${size}`);
    assert.deepEqual(parseInPieces('"a","b"\r\n"c","d"', 4), [["a", "b"], ["c", "d"]]); // CRLF, no final newline
  });

  it("refuses malformed CSV with the line", () => {
    assert.throws(() => parseInPieces('"a","b"\n"c"x\n', 100), (e: Error) => e instanceof CsvSyntaxError && /line 2/.test(e.message));
    assert.throws(() => parseInPieces('"a","b\n', 100), /ends inside a quoted field/);
    assert.throws(() => parseInPieces('a"b\n', 100), /quote inside an unquoted field/);
  });
});

describe("gold exporter: row → DynamoDB item", () => {
  const row = ["player-7", "2026-11-21", "3", "120", "4", "2", "37.5", "4.99"];

  it("keys the item by the table's player_id / metric_date, with every aggregate and a TTL", () => {
    const outcome = rowToItem(row, CONTEXT);
    assert.ok("item" in outcome);
    // 2026-01-01 is (56 × 365 + 14 leap days) = 20,454 days after the epoch; 2026-11-21 is 304 + 20 = 324 days later
    // (Jan–Oct: 31+28+31+30+31+30+31+31+30+31 = 304). TTL = that midnight + 730 days.
    const midnight = (20_454 + 324) * 86_400;
    const expires = midnight + 730 * 86_400;
    assert.deepEqual(outcome.item, {
      player_id: { S: "player-7" },
      metric_date: { S: "2026-11-21" },
      expires_at: { N: String(expires) },
      run_id: { S: "exec-1" },
      sessions: { N: "3" },
      events: { N: "120" },
      levels_played: { N: "4" },
      levels_completed: { N: "2" },
      playtime_minutes: { N: "37.5" },
      revenue_usd: { N: "4.99" },
    });
    assert.equal(expiresAt("2026-11-21", 1) - expiresAt("2026-11-20", 1), 86_400);
  });

  it("reads Athena's exponent notation and NULL amounts as numbers", () => {
    const outcome = rowToItem([...row.slice(0, 6), "1.5E2", null], CONTEXT);
    assert.ok("item" in outcome);
    assert.deepEqual([outcome.item.playtime_minutes, outcome.item.revenue_usd], [{ N: "150" }, { N: "0" }]);
  });

  it("rejects rows that cannot be items, saying why", () => {
    const cases: Array<[Array<string | null>, RegExp]> = [
      [[null, ...row.slice(1)], /user_id is empty/],
      [["p", "2026-11-20", ...row.slice(2)], /not the run date 2026-11-21/],
      [[...row.slice(0, 2), "3.5", ...row.slice(3)], /sessions "3.5" is not a whole number/],
      [[...row.slice(0, 7), "-1"], /revenue_usd "-1" is not a non-negative number/],
      [[...row.slice(0, 6), "NaN", "0"], /playtime_minutes "NaN"/],
      [row.slice(0, 7), /7 fields, expected 8/],
      [["x".repeat(2049), ...row.slice(1)], /longer than 2048 bytes/],
    ];
    for (const [bad, reason] of cases) {
      const outcome = rowToItem(bad, CONTEXT);
      assert.ok("rejected" in outcome, String(reason));
      assert.match(outcome.rejected, reason);
    }
  });

  it("accepts only the SELECT's own header, and the SELECT has the placeholders the state machine fills", () => {
    assert.doesNotThrow(() => checkHeader([...PLAYER_DAILY_COLUMNS]));
    assert.throws(() => checkHeader(["level_id", "metric_date"]), /not the player-daily query's columns/);
    assert.deepEqual(placeholdersIn(PLAYER_DAILY_SELECT_SQL), ["gold_database", "run_date"]);
    for (const column of PLAYER_DAILY_COLUMNS) assert.match(PLAYER_DAILY_SELECT_SQL, new RegExp(`\\b${column}\\b`));
  });
});

describe("gold exporter: batching and backoff", () => {
  it("backs off exponentially with full jitter, capped", () => {
    const options = { baseDelayMs: 50, maxDelayMs: 1000 };
    // random() just below 1 gives the ceiling: 50 · 2^(attempt-1), capped at 1000
    assert.deepEqual([1, 2, 3, 5, 10].map((a) => backoffDelayMs(a, options, () => 0.999_999)), [49, 99, 199, 799, 999]);
    assert.equal(backoffDelayMs(4, options, () => 0), 0);
  });

  /** A client double whose BatchWriteItem hands back the first `unprocessedFirst` items once. */
  function fakeDynamo(unprocessedFirst: number, alwaysUnprocessed = false) {
    const requests: number[] = [];
    let handedBack = false;
    const client = {
      async send(command: { input: { RequestItems: Record<string, Array<{ PutRequest: { Item: Record<string, { S?: string }> } }>> } }) {
        const writes = command.input.RequestItems.t;
        requests.push(writes.length);
        const keys = writes.map((w) => `${w.PutRequest.Item.player_id.S}|${w.PutRequest.Item.metric_date.S}`);
        assert.equal(new Set(keys).size, keys.length, "a request never repeats a key");
        if (alwaysUnprocessed || (!handedBack && unprocessedFirst > 0)) {
          handedBack = true;
          return { UnprocessedItems: { t: writes.slice(0, alwaysUnprocessed ? writes.length : unprocessedFirst) } };
        }
        return { UnprocessedItems: {} };
      },
    };
    return { client: client as unknown as DynamoDBClient, requests };
  }
  const item = (player: string) => ({ player_id: { S: player }, metric_date: { S: "2026-11-21" } });
  const noWait = { sleep: async () => {}, random: () => 0.5 };

  it("sends at most 25 items per request and retries what DynamoDB hands back", async () => {
    const { client, requests } = fakeDynamo(3);
    const writer = new BatchWriter(client, "t", { concurrency: 2, ...noWait });
    for (let i = 0; i < 60; i++) await writer.add(item(`p${i}`));
    await writer.close();
    // 60 items = 25 + 25 + 10; the first request's 3 unprocessed items come back as a 4th request
    assert.deepEqual([...requests].sort((a, b) => b - a), [25, 25, 10, 3]);
    assert.equal(Math.max(...requests), MAX_BATCH_ITEMS);
    assert.deepEqual(writer.stats, { written: 60, requests: 4, retries: 1 });
  });

  it("starts a new request instead of repeating a key in one", async () => {
    const { client, requests } = fakeDynamo(0);
    const writer = new BatchWriter(client, "t", noWait);
    for (const p of ["a", "b", "a", "c"]) await writer.add(item(p));
    await writer.close();
    assert.deepEqual(requests, [2, 2]);
  });

  it("fails with UnprocessedItemsError when DynamoDB keeps throttling past the attempt budget", async () => {
    const { client, requests } = fakeDynamo(0, true);
    const writer = new BatchWriter(client, "t", { maxAttempts: 4, ...noWait });
    await writer.add(item("a"));
    await assert.rejects(writer.close(), (e: Error) => e instanceof UnprocessedItemsError && e.name === "UnprocessedItemsError" && /after 4 attempts/.test(e.message));
    assert.equal(requests.length, 4);
  });
});

describe("gold exporter: configuration and input", () => {
  const config = exporterConfigFromEnv(ENV);

  it("reads its environment and names the bad key and value", () => {
    assert.deepEqual(config, { tableName: ENV.TABLE_NAME, resultBucket: ENV.RESULT_BUCKET, resultPrefix: "athena-results/", ttlDays: 730, writeConcurrency: 8 });
    assert.throws(() => exporterConfigFromEnv({ ...ENV, TTL_DAYS: "0" }), /TTL_DAYS="0"/);
    assert.throws(() => exporterConfigFromEnv({ ...ENV, RESULT_PREFIX: "athena-results" }), /RESULT_PREFIX="athena-results": must be a non-empty prefix/);
  });

  it("takes the state machine's payload and only result files under the configured prefix", () => {
    const location = `s3://${ENV.RESULT_BUCKET}/athena-results/3f9c-query.csv`;
    assert.deepEqual(exportRequestFromEvent({ run_date: "2026-11-21", run_id: "exec-1", result_location: location }, config), {
      runDate: "2026-11-21",
      runId: "exec-1",
      result: { bucket: ENV.RESULT_BUCKET, key: "athena-results/3f9c-query.csv" },
    });
    assert.throws(() => exportRequestFromEvent({ run_date: "2026-11-21", run_id: "exec-1", result_location: "s3://other-bucket/athena-results/q.csv" }, config), /is not under s3:\/\//);
    assert.throws(() => exportRequestFromEvent({ run_date: "2026-11-21", run_id: "exec-1", result_location: `s3://${ENV.RESULT_BUCKET}/gold/tables/q.csv` }, config), /is not under/);
    assert.throws(() => exportRequestFromEvent({ run_date: "21/11/2026", run_id: "exec-1", result_location: location }, config), /run_date="21\/11\/2026": must be a date/);
    assert.throws(() => exportRequestFromEvent(undefined, config), /gold exporter input invalid/);
    assert.throws(() => exportRequestFromEvent({ run_date: "2026-11-21", run_id: "two words", result_location: location }, config), /run_id="two words"/);
    assert.equal(exportRequestFromEvent({ run_date: "2026-11-21", run_id: "manual.re-run@2026", result_location: location }, config).runId, "manual.re-run@2026");
  });
});
