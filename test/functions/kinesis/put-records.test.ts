import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, PutRecordsCommand, type PutRecordsCommandOutput } from "@aws-sdk/client-kinesis";
import assert from "node:assert/strict";
import {
  MAX_BYTES_PER_PUT,
  MAX_RECORD_BYTES,
  MAX_RECORDS_PER_PUT,
  backoffDelayMs,
  chunkForPutRecords,
  putRecordsReliably,
  recordBytes,
  type PutRecordsClient,
  type StreamRecord,
} from "../../../functions/kinesis";
import { startKinesis, type KinesisEmulator } from "../../support/emulators";

const MiB = 1024 * 1024;

function smallRecords(count: number): StreamRecord[] {
  return Array.from({ length: count }, (_, i) => ({ data: Buffer.from(`{"n":${i}}`), partitionKey: `pk-${i}` }));
}

/** Records whose data + key is exactly `bytes`. */
function recordsOfSize(count: number, bytes: number): StreamRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const partitionKey = `k${i}`;
    return { data: Buffer.alloc(bytes - Buffer.byteLength(partitionKey)), partitionKey };
  });
}

/** Fake Kinesis: records every call; `failEntry(key, attempt)` decides per-entry ErrorCode. */
class ScriptedClient implements PutRecordsClient {
  readonly calls: string[][] = [];
  private readonly seen = new Map<string, number>();
  constructor(private readonly failEntry: (partitionKey: string, attempt: number) => string | undefined) {}
  async send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput> {
    const entries = command.input.Records ?? [];
    this.calls.push(entries.map((e) => e.PartitionKey!));
    let failedCount = 0;
    const Records = entries.map((entry, i) => {
      const attempt = (this.seen.get(entry.PartitionKey!) ?? 0) + 1;
      this.seen.set(entry.PartitionKey!, attempt);
      const code = this.failEntry(entry.PartitionKey!, attempt);
      if (code) {
        failedCount++;
        return { ErrorCode: code, ErrorMessage: `${code} for ${entry.PartitionKey}` };
      }
      return { SequenceNumber: String(i), ShardId: "shardId-000000000000" };
    });
    return { Records, FailedRecordCount: failedCount, $metadata: {} };
  }
}

const noSleep = { sleep: async () => {}, random: () => 0 };

describe("kinesis PutRecords writer", () => {
  it("exports the AWS PutRecords quotas", () => {
    assert.equal(MAX_RECORDS_PER_PUT, 500);
    assert.equal(MAX_BYTES_PER_PUT, 5 * 1024 * 1024);
    assert.equal(MAX_RECORD_BYTES, 1024 * 1024);
  });

  it("counts partition key bytes (UTF-8) in a record's size", () => {
    assert.equal(recordBytes({ data: Buffer.alloc(10), partitionKey: "é" }), 10 + 2);
  });

  it("chunks by 500 records", () => {
    const records = smallRecords(1201);
    const chunks = chunkForPutRecords(records, records.map((_, i) => i));
    assert.deepEqual(chunks.map((c) => c.length), [500, 500, 1201 - 2 * 500]);
    assert.deepEqual(chunks.flat(), records.map((_, i) => i));
  });

  it("chunks by 5 MiB including partition keys", () => {
    // 1 MiB records: five fill a call exactly, the sixth opens a new one.
    const records = recordsOfSize(11, MiB);
    const chunks = chunkForPutRecords(records, records.map((_, i) => i));
    assert.deepEqual(chunks.map((c) => c.length), [5, 5, 1]);
    // Data alone would fit six per call (6 × ⌊5 MiB / 6⌋ ≤ 5 MiB); the 2-byte keys push it to five.
    const dataBytes = Math.floor(MAX_BYTES_PER_PUT / 6);
    assert.ok(6 * dataBytes <= MAX_BYTES_PER_PUT && 6 * (dataBytes + 2) > MAX_BYTES_PER_PUT);
    const keyed = Array.from({ length: 12 }, (_, i) => ({ data: Buffer.alloc(dataBytes), partitionKey: `k${i % 10}` }));
    const keyedChunks = chunkForPutRecords(keyed, keyed.map((_, i) => i));
    assert.deepEqual(keyedChunks.map((c) => c.length), [5, 5, 12 - 10]);
    for (const chunk of keyedChunks) {
      assert.ok(chunk.reduce((sum, i) => sum + recordBytes(keyed[i]), 0) <= MAX_BYTES_PER_PUT);
    }
  });

  it("rejects a record over 1 MiB locally and never sends it", async () => {
    const records = [...smallRecords(2), ...recordsOfSize(1, MiB + 1)];
    const client = new ScriptedClient(() => undefined);
    const outcome = await putRecordsReliably(client, "s", records, noSleep);
    assert.deepEqual(outcome.failed.map((f) => [f.index, f.errorCode]), [[2, "RecordTooLarge"]]);
    assert.deepEqual(client.calls, [["pk-0", "pk-1"]]);
  });

  it("retries only the entries that failed, then succeeds", async () => {
    const records = smallRecords(6);
    // Odd keys throttled on their first attempt, pk-3 also on its second.
    const client = new ScriptedClient((key, attempt) => {
      const n = Number(key.slice(3));
      if (n % 2 === 1 && attempt === 1) return "ProvisionedThroughputExceededException";
      if (n === 3 && attempt === 2) return "InternalFailure";
      return undefined;
    });
    const outcome = await putRecordsReliably(client, "s", records, noSleep);
    assert.deepEqual(outcome.failed, []);
    assert.deepEqual(client.calls, [
      ["pk-0", "pk-1", "pk-2", "pk-3", "pk-4", "pk-5"],
      ["pk-1", "pk-3", "pk-5"],
      ["pk-3"],
    ]);
  });

  it("gives up after maxAttempts and reports which inputs failed", async () => {
    const records = smallRecords(4);
    const client = new ScriptedClient((key) => (key === "pk-2" ? "ProvisionedThroughputExceededException" : undefined));
    const outcome = await putRecordsReliably(client, "s", records, { ...noSleep, maxAttempts: 3 });
    assert.deepEqual(outcome.failed.map((f) => [f.index, f.errorCode]), [[2, "ProvisionedThroughputExceededException"]]);
    assert.equal(client.calls.length, 3);
  });

  it("retries a failed call as a whole, but not a permanent error", async () => {
    let calls = 0;
    const flaky: PutRecordsClient = {
      async send(command) {
        calls++;
        if (calls === 1) throw Object.assign(new Error("socket hang up"), { name: "TimeoutError" });
        return { Records: (command.input.Records ?? []).map(() => ({ SequenceNumber: "1", ShardId: "s" })), $metadata: {} };
      },
    };
    assert.deepEqual((await putRecordsReliably(flaky, "s", smallRecords(3), noSleep)).failed, []);
    assert.equal(calls, 2);

    let missingCalls = 0;
    const missing: PutRecordsClient = {
      async send() {
        missingCalls++;
        throw Object.assign(new Error("Stream s not found"), { name: "ResourceNotFoundException" });
      },
    };
    const outcome = await putRecordsReliably(missing, "s", smallRecords(2), noSleep);
    assert.deepEqual(outcome.failed.map((f) => f.errorCode), ["ResourceNotFoundException", "ResourceNotFoundException"]);
    assert.equal(missingCalls, 1);
  });

  it("backs off exponentially with jitter, capped", async () => {
    const sleeps: number[] = [];
    const client = new ScriptedClient(() => "InternalFailure");
    await putRecordsReliably(client, "s", smallRecords(1), {
      maxAttempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 500,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    // Retries 1..4: ceilings 100, 200, 400, min(500, 800); jitter factor 0.5.
    assert.deepEqual(sleeps, [100 * 0.5, 200 * 0.5, 400 * 0.5, 500 * 0.5]);
    assert.ok(backoffDelayMs(3, { baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.999 }) < 400);
  });

  describe("against kinesalite", () => {
    let kinesis: KinesisEmulator;
    before(async () => {
      kinesis = await startKinesis();
      await kinesis.createStream("writer-test", 1);
    });
    after(() => kinesis.stop());

    it("writes 1,201 records in three calls and every one can be read back", async () => {
      const records = smallRecords(1201);
      const outcome = await putRecordsReliably(kinesis.client, "writer-test", records, noSleep);
      assert.deepEqual(outcome.failed, []);
      assert.equal(outcome.calls, Math.ceil(1201 / MAX_RECORDS_PER_PUT));
      const { Shards } = await kinesis.client.send(new ListShardsCommand({ StreamName: "writer-test" }));
      let { ShardIterator } = await kinesis.client.send(
        new GetShardIteratorCommand({ StreamName: "writer-test", ShardId: Shards![0].ShardId!, ShardIteratorType: "TRIM_HORIZON" }),
      );
      const read: string[] = [];
      while (ShardIterator && read.length < records.length) {
        const page = await kinesis.client.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
        read.push(...(page.Records ?? []).map((r) => Buffer.from(r.Data!).toString()));
        if ((page.Records ?? []).length === 0) break;
        ShardIterator = page.NextShardIterator;
      }
      assert.deepEqual(read.sort(), records.map((r) => Buffer.from(r.data).toString()).sort());
    });
  });
});
