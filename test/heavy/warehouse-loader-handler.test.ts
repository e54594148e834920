/**
 * The loader's S3 + Data API flow: real S3 (s3rver) holds the lake files, the Redshift Data API is
 * mocked (no Redshift here) and records the SQL it is sent.
 */
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { BatchExecuteStatementCommand, DescribeStatementCommand, RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { runLoader } from "../../functions/warehouse-loader/handler";
import { HeaderCache, headerFingerprint } from "../../functions/warehouse-loader/header-fingerprint";
import { loaderConfigFromEnv } from "../../functions/warehouse-loader/loader-config";
import { startS3, type S3Emulator } from "../support/emulators";

const BUCKET = "lake";
const env = {
  LAKE_BUCKET: BUCKET,
  INCOMING_PREFIX: "warehouse/incoming/",
  MANIFEST_PREFIX: "warehouse/manifests/",
  LOADED_PREFIX: "warehouse/loaded/",
  COPY_ROLE_ARN: "arn:aws:iam::123456789012:role/copy",
  AWS_REGION: "us-east-1",
  REDSHIFT_WORKGROUP: "telemetry",
  REDSHIFT_DATABASE: "analytics",
  LOADER_TABLES: JSON.stringify([
    { table: "player_sessions", key: ["session_id"], orderBy: "updated_at" },
    { table: "level_results", key: ["event_id"], orderBy: "event_timestamp" },
  ]),
  POLL_INTERVAL_MS: "50",
};

describe("warehouse loader handler (s3rver + mocked Redshift Data API)", function () {
  this.timeout(30_000);
  let s3: S3Emulator;
  const redshift = mockClient(RedshiftDataClient);

  before(async () => {
    s3 = await startS3();
  });
  after(async () => {
    await s3?.stop();
    redshift.restore();
  });

  async function put(key: string, body: string | Buffer): Promise<void> {
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  }
  async function keys(prefix: string): Promise<string[]> {
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    return (listed.Contents ?? []).map((c) => c.Key!).sort();
  }

  it("builds a manifest per batch, runs prepare then COPY+merge, archives loaded files, reports the rest", async () => {
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const sessionCols = ["session_id", "user_id", "updated_at"];
    const sessionFp = headerFingerprint(sessionCols);
    const sessionCsv = `${sessionCols.join(",")}\ns1,u1,2024-01-01 10:00:00\n`;
    await put(`warehouse/incoming/player_sessions/${sessionFp}-b2.csv.gz`, gzipSync(sessionCsv));
    await put(`warehouse/incoming/player_sessions/${sessionFp}-a1.csv.gz`, gzipSync(sessionCsv));
    await put(`warehouse/incoming/player_sessions/notes.txt`, "not a load file");
    // level_results: the file name's fingerprint does not match its header → this table fails, the other loads
    await put(`warehouse/incoming/level_results/${headerFingerprint(["event_id"])}-c3.csv`, "event_id,event_timestamp\ne1,2024-01-01\n");

    const batches: string[][] = [];
    let describeCalls = 0;
    redshift.reset();
    redshift.on(BatchExecuteStatementCommand).callsFake((input) => {
      batches.push(input.Sqls);
      assert.equal(input.WorkgroupName, "telemetry");
      assert.equal(input.Database, "analytics");
      return { Id: `stmt-${batches.length}` };
    });
    // First poll sees the statement running, the next one finished: the loader must keep polling.
    redshift.on(DescribeStatementCommand).callsFake((input) => {
      describeCalls++;
      return describeCalls % 2 === 1
        ? { Id: input.Id, Status: "STARTED" }
        : { Id: input.Id, Status: "FINISHED", SubStatements: [{ Id: `${input.Id}:1`, ResultRows: 2 }, { Id: `${input.Id}:2`, ResultRows: 0 }, { Id: `${input.Id}:3`, ResultRows: 1 }] };
    });

    const sleeps: number[] = [];
    const config = loaderConfigFromEnv(env);
    const result = await runLoader({ s3: s3.client, redshift: redshift as unknown as RedshiftDataClient, headers: new HeaderCache(), sleep: async (ms) => void sleeps.push(ms) }, config, {}, "run1");

    assert.deepEqual(result.failed.map((f) => f.table), ["level_results"]);
    assert.match(result.failed[0].error, /file name says/);
    const [sessions] = result.loaded;
    assert.deepEqual(sessions.ignoredKeys, ["warehouse/incoming/player_sessions/notes.txt"]);
    assert.equal(sessions.batches.length, 1);
    assert.deepEqual(
      { files: sessions.batches[0].files, rowsCopied: sessions.batches[0].rowsCopied, rowsReplaced: sessions.batches[0].rowsReplaced, rowsInserted: sessions.batches[0].rowsInserted },
      { files: 2, rowsCopied: 2, rowsReplaced: 0, rowsInserted: 1 },
    );
    // two Data API batches (prepare, load), each polled twice; one sleep per unfinished poll
    assert.equal(batches.length, 2);
    assert.deepEqual(sleeps, [50, 50]);
    assert.match(batches[0][2], /^TRUNCATE "staging"\."player_sessions"$/);
    assert.match(batches[1][0], /COPY "staging"\."player_sessions" \("session_id", "user_id", "updated_at"\)/);
    assert.match(batches[1][0], new RegExp(`FROM 's3://lake/warehouse/manifests/player_sessions/${sessionFp}-gz-0-run1\\.manifest'`));
    assert.match(batches[1][0], /CSV GZIP IGNOREHEADER 1/);
    assert.match(batches[1][1], /^DELETE FROM "public"\."player_sessions"/);
    assert.match(batches[1][2], /^INSERT INTO "public"\."player_sessions"/);

    const manifest = JSON.parse(
      await (await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `warehouse/manifests/player_sessions/${sessionFp}-gz-0-run1.manifest` }))).Body!.transformToString(),
    );
    assert.deepEqual(manifest.entries.map((e: { url: string }) => e.url), [
      `s3://lake/warehouse/incoming/player_sessions/${sessionFp}-a1.csv.gz`,
      `s3://lake/warehouse/incoming/player_sessions/${sessionFp}-b2.csv.gz`,
    ]);

    assert.deepEqual(await keys("warehouse/incoming/player_sessions/"), ["warehouse/incoming/player_sessions/notes.txt"]);
    assert.deepEqual(await keys("warehouse/loaded/"), [
      `warehouse/loaded/player_sessions/${sessionFp}-a1.csv.gz`,
      `warehouse/loaded/player_sessions/${sessionFp}-b2.csv.gz`,
    ]);
    // the failed table's file stays for the next run
    assert.equal((await keys("warehouse/incoming/level_results/")).length, 1);
  });

  it("a failed statement fails the table with the Data API's error and leaves its files in place", async () => {
    // remove the mis-named file of the previous test: its table fails on it until someone does
    await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `warehouse/incoming/level_results/${headerFingerprint(["event_id"])}-c3.csv` }));
    const cols = ["event_id", "event_timestamp"];
    const key = `warehouse/incoming/level_results/${headerFingerprint(cols)}-d4.csv`;
    await put(key, `${cols.join(",")}\ne1,2024-01-01\n`);
    redshift.reset();
    redshift.on(BatchExecuteStatementCommand).resolves({ Id: "stmt" });
    redshift.on(DescribeStatementCommand).resolves({ Id: "stmt", Status: "FAILED", Error: "permission denied for schema staging" });
    const result = await runLoader({ s3: s3.client, redshift: redshift as unknown as RedshiftDataClient, headers: new HeaderCache(), sleep: async () => undefined }, loaderConfigFromEnv(env), { tables: ["level_results"] }, "run2");
    assert.deepEqual(result.loaded, []);
    assert.match(result.failed[0].error, /load-level_results-.*-prepare FAILED: permission denied for schema staging/);
    assert.ok((await keys("warehouse/incoming/level_results/")).includes(key));
  });
});
