/**
 * The gold exporter end to end against emulators: an Athena-style result CSV in s3rver, written into a
 * dynalite table with the fast-access table's key schema; re-running the same day is idempotent and a
 * bad row fails the export after the good rows are in, naming the row.
 */
import assert from "node:assert/strict";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { exportPlayerDaily, RejectedRowsError } from "../../functions/gold-exporter/export-player-daily";
import { PLAYER_DAILY_COLUMNS } from "../../functions/gold-exporter/player-daily-query";
import { createTable, startDynamo, startS3, type DynamoEmulator, type S3Emulator } from "../support/emulators";

const BUCKET = "tlm-test-gold";
const TABLE = "tlm-test-player-daily";
const RUN_DATE = "2026-11-21";
const TTL_DAYS = 30;

/** Athena's CSV: every value quoted, NULL as an empty field. */
function athenaCsv(rows: Array<Array<string | number | null>>): string {
  const quote = (v: string | number | null) => (v === null ? "" : `"${String(v).replace(/"/g, '""')}"`);
  return [PLAYER_DAILY_COLUMNS, ...rows].map((r) => r.map(quote).join(",")).join("\n") + "\n";
}

/** 60 players: sessions = i % 4 + 1, events = 10·i, revenue = i / 4 (so some are fractions, one is zero). */
const ROWS = Array.from({ length: 60 }, (_, i) => [`player-${i}`, RUN_DATE, (i % 4) + 1, 10 * i, i % 7, i % 3, i * 1.5, i / 4]);

describe("gold exporter against s3rver + dynalite", function () {
  this.timeout(30_000);
  let s3: S3Emulator;
  let dynamo: DynamoEmulator;

  before(async () => {
    [s3, dynamo] = await Promise.all([startS3(), startDynamo()]);
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    // The key schema of GoldStores' player-daily table.
    await createTable(dynamo.client, TABLE, { hash: "player_id", range: "metric_date" });
  });
  after(async () => {
    await Promise.all([s3?.stop(), dynamo?.stop()]);
  });

  const put = (key: string, body: string) => s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  const scan = async () => (await dynamo.client.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];
  const request = (key: string, runId: string) => ({ runDate: RUN_DATE, runId, result: { bucket: BUCKET, key } });

  it("writes one item per player with the day's aggregates and TTL, and a re-run leaves the same items", async () => {
    await put("athena-results/q1.csv", athenaCsv(ROWS));
    const first = await exportPlayerDaily({ s3: s3.client, dynamo: dynamo.client }, request("athena-results/q1.csv", "exec-1"), TABLE, TTL_DAYS);
    assert.equal(first.rows, 60);
    assert.equal(first.written, 60);
    // 60 items in requests of at most 25: 25 + 25 + 10
    assert.equal(first.requests, 3);
    const items = await scan();
    assert.equal(items.length, 60);
    const p9 = items.find((i) => i.player_id.S === "player-9")!;
    // player 9: sessions 9 % 4 + 1 = 2, events 90, playtime 9 × 1.5 = 13.5, revenue 9 / 4 = 2.25
    assert.deepEqual([p9.metric_date.S, p9.sessions.N, p9.events.N, p9.playtime_minutes.N, p9.revenue_usd.N], [RUN_DATE, "2", "90", "13.5", "2.25"]);
    assert.equal(Number(p9.expires_at.N), Date.parse(`${RUN_DATE}T00:00:00Z`) / 1000 + TTL_DAYS * 86_400);

    const again = await exportPlayerDaily({ s3: s3.client, dynamo: dynamo.client }, request("athena-results/q1.csv", "exec-2"), TABLE, TTL_DAYS);
    assert.equal(again.written, 60);
    const after = await scan();
    assert.equal(after.length, 60, "same keys: no second copy");
    const strip = (list: typeof after) => list.map(({ run_id, ...rest }) => JSON.stringify(rest)).sort();
    assert.deepEqual(strip(after), strip(items));
  });

  it("writes the good rows, then fails naming the rows it could not write", async () => {
    const rows = [["late-1", RUN_DATE, 1, 5, 1, 1, 2, 0], [null, RUN_DATE, 1, 1, 0, 0, 0, 0], ["late-2", RUN_DATE, "x", 1, 0, 0, 0, 0]];
    await put("athena-results/q2.csv", athenaCsv(rows));
    await assert.rejects(
      exportPlayerDaily({ s3: s3.client, dynamo: dynamo.client }, request("athena-results/q2.csv", "exec-3"), TABLE, TTL_DAYS),
      (e: Error) => e instanceof RejectedRowsError && e.report.rejected === 2 && /line 3: user_id is empty/.test(e.message) && /line 4: sessions "x"/.test(e.message),
    );
    assert.ok((await scan()).some((i) => i.player_id.S === "late-1"));
  });

  it("refuses a result file whose header is not the player-daily SELECT's", async () => {
    await put("athena-results/q3.csv", '"level_id","metric_date"\n"1","2026-11-21"\n');
    await assert.rejects(
      exportPlayerDaily({ s3: s3.client, dynamo: dynamo.client }, request("athena-results/q3.csv", "exec-4"), TABLE, TTL_DAYS),
      /not the player-daily query's columns/,
    );
  });
});
