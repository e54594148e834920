/** The replay tool against s3rver (RAW zone) and kinesalite (raw stream): window, tables, dry run, batching, CLI. */
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-kinesis";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { runReplayEvent } from "../../functions/replay/handler";
import { replay, type ReplayRequest } from "../../functions/replay/replay";
import { lineFilter, tableList } from "../../functions/replay/replay-filter";
import { hourPartitionPrefixes, replayWindow } from "../../functions/replay/replay-window";
import { main as replayCli } from "../../scripts/replay";
import { startKinesis, startS3, type KinesisEmulator, type S3Emulator } from "../support/emulators";

const BUCKET = "raw-zone";
const WINDOW = { from: "2026-11-22T04:30:00Z", to: "2026-11-22T06:00:00Z" };

const event = (id: string, type: string, user: string) => JSON.stringify({ event_id: id, event_type: type, event_timestamp: "2026-11-22T04:00:00Z", user_id: user });
const wrapped = (id: string, type: string, user: string, receivedAt: string) =>
  JSON.stringify({ _ingest: { game_id: "g1", request_id: `r-${id}`, received_at: receivedAt }, _event: JSON.parse(event(id, type, user)) });

/** hour 04 (gzip): two bare events, one envelope received before the window (04:10), one after (04:45), a broken line. */
const HOUR_04 = [
  event("e1", "level_start", "u1"),
  event("e2", "purchase", "u2"),
  wrapped("e3", "level_start", "u3", "2026-11-22T04:10:00Z"),
  wrapped("e4", "level_start", "u4", "2026-11-22T04:45:00Z"),
  "not json",
];
/** hour 05 (plain text), and hour 06 which lies outside the window. */
const HOUR_05 = [event("e5", "level_complete", "u1"), event("e6", "level_start", "u5")];
const HOUR_06 = [event("e7", "level_start", "u6")];

async function readStream(kinesis: KinesisEmulator, stream: string): Promise<Array<{ data: string; key: string }>> {
  const { StreamDescription } = await kinesis.client.send(new DescribeStreamCommand({ StreamName: stream }));
  const records: Array<{ data: string; key: string }> = [];
  for (const shard of StreamDescription!.Shards!) {
    let iterator = (await kinesis.client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: "TRIM_HORIZON" }))).ShardIterator;
    for (;;) {
      const page = await kinesis.client.send(new GetRecordsCommand({ ShardIterator: iterator!, Limit: 10_000 }));
      for (const r of page.Records ?? []) records.push({ data: Buffer.from(r.Data!).toString("utf8"), key: r.PartitionKey! });
      if (!page.Records || page.Records.length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
}

describe("replay tool", function () {
  this.timeout(60_000);
  let s3: S3Emulator;
  let kinesis: KinesisEmulator;
  let streamCount = 0;
  const newStream = async () => {
    const name = `raw-${++streamCount}`;
    await kinesis.createStream(name, 2);
    return name;
  };
  const request = (stream: string, extra: Partial<ReplayRequest> = {}): ReplayRequest => ({
    bucket: BUCKET,
    rawPrefix: "raw/",
    stream,
    window: replayWindow(WINDOW.from, WINDOW.to),
    dryRun: false,
    ...extra,
  });
  const noWait = { sleep: async () => undefined };

  before(async () => {
    [s3, kinesis] = await Promise.all([startS3(), startKinesis()]);
    await s3.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const put = (key: string, body: string | Buffer) => s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    await put("raw/year=2026/month=11/day=22/hour=04/raw-1-2026-11-22-04-00-00-abc.gz", gzipSync(HOUR_04.join("\n") + "\n"));
    await put("raw/year=2026/month=11/day=22/hour=05/raw-1-2026-11-22-05-00-00-def", HOUR_05.join("\n") + "\n");
    await put("raw/year=2026/month=11/day=22/hour=06/raw-1-2026-11-22-06-00-00-ghi.gz", gzipSync(HOUR_06.join("\n")));
  });
  after(async () => {
    await Promise.all([s3?.stop(), kinesis?.stop()]);
  });

  it("covers every hour partition overlapping the window and validates it", () => {
    const prefixes = hourPartitionPrefixes("raw/", replayWindow("2026-12-31T23:30:00Z", "2027-01-01T01:00:00Z"));
    assert.deepEqual(prefixes, ["raw/year=2026/month=12/day=31/hour=23/", "raw/year=2027/month=01/day=01/hour=00/"]);
    assert.throws(() => replayWindow("2026-11-22T05:00:00Z", "2026-11-22T05:00:00Z"), /must be later/);
    assert.throws(() => replayWindow("2026-11-22", "2026-11-23T00:00:00Z"), /--from "2026-11-22" is invalid/);
    assert.throws(() => replayWindow("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z"), /longer than 744/);
    assert.deepEqual(tableList(" a, b ,,"), ["a", "b"]);
    assert.equal(tableList(""), undefined);
  });

  it("re-sends exactly the window's records, byte for byte, keyed by user", async () => {
    const stream = await newStream();
    const summary = await replay({ s3: s3.client, kinesis: kinesis.client, retry: noWait }, request(stream));
    // hour 04: 5 lines − e3 (received 04:10, before 04:30) = 4 incl. the broken line; hour 05: 2; hour 06 not read
    const expected = [HOUR_04[0], HOUR_04[1], HOUR_04[3], HOUR_04[4], ...HOUR_05];
    assert.deepEqual(
      { partitions: summary.partitions, objects: summary.objects, lines: summary.lines, sent: summary.sent, failed: summary.failed, skipped: summary.skipped },
      { partitions: 2, objects: 2, lines: HOUR_04.length + HOUR_05.length, sent: expected.length, failed: 0, skipped: { table: 0, time: 1, unreadable: 0 } },
    );
    const records = await readStream(kinesis, stream);
    assert.deepEqual(records.map((r) => r.data).sort(), [...expected].sort());
    const keyOf = (line: string) => records.find((r) => r.data === line)!.key;
    assert.equal(keyOf(HOUR_04[0]), "u1");
    assert.equal(keyOf(HOUR_04[3]), "u4"); // user of the wrapped event
    assert.match(keyOf("not json"), /^[0-9a-f]{64}$/); // no user: a hash of the line
  });

  it("with a table list sends only those event types and counts what it skipped", async () => {
    const stream = await newStream();
    const summary = await replay({ s3: s3.client, kinesis: kinesis.client, retry: noWait }, request(stream, { tables: ["level_start"] }));
    // level_start in the window: e1, e4 (e3 is before the window), e6
    assert.deepEqual((await readStream(kinesis, stream)).map((r) => JSON.parse(r.data)._event?.event_id ?? JSON.parse(r.data).event_id).sort(), ["e1", "e4", "e6"]);
    assert.deepEqual(summary.skipped, { table: 2, time: 1, unreadable: 1 }); // e2 purchase, e5 level_complete; e3; "not json"
  });

  it("a dry run reads and counts but sends nothing", async () => {
    const stream = await newStream();
    const summary = await replay({ s3: s3.client, kinesis: kinesis.client, retry: noWait }, request(stream, { dryRun: true }));
    assert.equal(summary.sent, 6);
    assert.equal(summary.putRecordsCalls, 0);
    assert.deepEqual(await readStream(kinesis, stream), []);
  });

  it("sends large partitions in PutRecords calls of at most 500 records", async () => {
    const lines = Array.from({ length: 1203 }, (_, i) => event(`bulk-${i}`, "level_start", `user-${i % 7}`));
    await s3.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "raw/year=2026/month=11/day=23/hour=10/bulk.gz", Body: gzipSync(lines.join("\n")) }));
    const stream = await newStream();
    const summary = await replay({ s3: s3.client, kinesis: kinesis.client, retry: noWait }, { ...request(stream), window: replayWindow("2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z") });
    assert.equal(summary.putRecordsCalls, Math.ceil(1203 / 500)); // 500 + 500 + 203
    assert.equal(summary.sent, 1203);
    assert.equal((await readStream(kinesis, stream)).length, 1203);
  });

  it("reports records the stream keeps rejecting instead of dropping them", async () => {
    const failing = { send: async () => ({ FailedRecordCount: 1, Records: [{ ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "slow down" }] }) } as never;
    const summary = await replay({ s3: s3.client, kinesis: failing, retry: { ...noWait, maxAttempts: 2 } }, { ...request("any"), window: replayWindow("2026-11-22T05:00:00Z", "2026-11-22T06:00:00Z"), tables: ["level_start"] });
    // one matching record in hour 05 (e6), rejected on both attempts
    assert.equal(summary.failed, 1);
    assert.deepEqual(summary.failures[0], { key: "raw/year=2026/month=11/day=22/hour=05/raw-1-2026-11-22-05-00-00-def", line: 2, errorCode: "ProvisionedThroughputExceededException", errorMessage: "slow down" });
  });

  it("CLI: replays against the emulators and exits 2 on bad usage", async () => {
    const stream = await newStream();
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = "S3RVER"; // s3rver accepts only its own key pair; kinesalite accepts any
    process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
    try {
      const out: string[] = [];
      const code = await replayCli(
        ["--from", WINDOW.from, "--to", WINDOW.to, "--bucket", BUCKET, "--stream", stream, "--tables", "level_start,purchase", "--s3-endpoint", s3.endpoint, "--kinesis-endpoint", kinesis.endpoint],
        (line) => out.push(line),
      );
      assert.equal(code, 0, out.join("\n"));
      assert.equal(JSON.parse(out[out.length - 1]).sent, 4); // e1, e2, e4, e6
      assert.equal((await readStream(kinesis, stream)).length, 4);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    }
    const usage: string[] = [];
    assert.equal(await replayCli(["--from", WINDOW.from, "--bucket", BUCKET, "--stream", "s"], (l) => usage.push(l)), 2);
    assert.match(usage.join("\n"), /--to is required/);
    assert.equal(await replayCli(["--bogus"], () => undefined), 2);
  });

  it("Lambda form: reads bucket/stream from the environment and the window/tables from the event", async () => {
    const stream = await newStream();
    const deps = { s3: s3.client, kinesis: kinesis.client, retry: noWait };
    const summary = await runReplayEvent(deps, { RAW_BUCKET: BUCKET, RAW_STREAM: stream }, { ...WINDOW, tables: "purchase", dryRun: false });
    assert.equal(summary.sent, 1); // e2 is the only purchase in the window
    assert.equal(JSON.parse((await readStream(kinesis, stream))[0].data).event_id, "e2");
    await assert.rejects(runReplayEvent(deps, { RAW_BUCKET: BUCKET }, WINDOW), /RAW_STREAM is not set/);
    await assert.rejects(runReplayEvent(deps, { RAW_BUCKET: BUCKET, RAW_STREAM: stream }, { from: WINDOW.from } as never), /needs "from" and "to"/);
  });

  it("filter: time check uses the envelope's received_at; bare events are kept", () => {
    const keep = lineFilter(replayWindow(WINDOW.from, WINDOW.to));
    assert.deepEqual(keep(Buffer.from(wrapped("x", "t", "u", "2026-11-22T06:00:00Z"))), { send: false, skipped: "time" }); // end is exclusive
    assert.deepEqual(keep(Buffer.from(wrapped("x", "t", "u", "2026-11-22T04:30:00Z"))), { send: true, partitionKey: "u" });
  });
});
