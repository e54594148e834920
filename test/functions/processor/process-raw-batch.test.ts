import { ScanCommand } from "@aws-sdk/client-dynamodb";
import assert from "node:assert/strict";
import { coreOptions, type CleanEvent, type DeadLetterRecord, type RawRecord } from "../../../functions/core";
import { DynamoDbDedupStore, type EmissionTrackingStore } from "../../../functions/processor/dynamo-dedup-store";
import type { EventSink, SinkWriteResult } from "../../../functions/processor/event-sink";
import { processRawBatch } from "../../../functions/processor/process-kinesis-batch";
import { UnmarkedEmissions } from "../../../functions/processor/unmarked-emissions";
import { createHashKeyTable, startDynamo, type DynamoEmulator } from "../../support/emulators";

/** Sink that records what it got and fails the inputs whose event id / reason is listed. */
class RecordingSink implements EventSink {
  readonly clean: string[] = [];
  readonly deadLetters: string[] = [];
  constructor(private readonly failCleanIds: Set<string> = new Set(), private readonly failDeadLetters = false) {}
  async putClean(events: readonly CleanEvent[]): Promise<SinkWriteResult> {
    const failed = events.flatMap((e, index) => (this.failCleanIds.has(e.event.event_id) ? [{ index, errorCode: "X", errorMessage: "x" }] : []));
    this.clean.push(...events.filter((e) => !this.failCleanIds.has(e.event.event_id)).map((e) => e.event.event_id));
    return { failed };
  }
  async putDeadLetters(records: readonly DeadLetterRecord[]): Promise<SinkWriteResult> {
    if (this.failDeadLetters) return { failed: records.map((_, index) => ({ index, errorCode: "X", errorMessage: "x" })) };
    this.deadLetters.push(...records.map((r) => r.reason));
    return { failed: [] };
  }
}

function kafkaRecord(offset: number, body: unknown): RawRecord {
  return {
    data: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
    source: { kind: "kafka", topic: "raw", partition: 0, offset: String(offset) },
  };
}

const event = (id: string) => ({ event_id: id, event_type: "login", event_timestamp: Date.now() - 1000, user_id: "u" });

describe("processRawBatch (transport-neutral, dynalite store)", () => {
  let dynamo: DynamoEmulator;
  let table = 0;
  before(async () => {
    dynamo = await startDynamo();
  });
  after(() => dynamo.stop());

  async function store(): Promise<DynamoDbDedupStore> {
    const tableName = `raw-batch-${++table}`;
    await createHashKeyTable(dynamo.client, tableName, "pk");
    return new DynamoDbDedupStore({ client: dynamo.client, tableName, windowMinutes: 30 });
  }
  const deps = (s: EmissionTrackingStore, sink: EventSink, unmarked = new UnmarkedEmissions()) => ({
    store: s,
    sink,
    unmarked,
    options: coreOptions({ now: Date.now }),
    functionName: "t",
    log: () => {},
  });

  it("returns the failed records' sources in input order (clean and dead-letter write failures)", async () => {
    const raws = [kafkaRecord(10, event("a")), kafkaRecord(11, "{bad"), kafkaRecord(12, event("b")), kafkaRecord(13, event("c"))];
    const sink = new RecordingSink(new Set(["c", "a"]), true);
    const { failedSources, summary } = await processRawBatch(raws, deps(await store(), sink));
    assert.deepEqual(failedSources.map((s) => (s.kind === "kafka" ? s.offset : "?")), ["10", "11", "13"]);
    assert.deepEqual(sink.clean, ["b"]);
    assert.equal(summary.clean, 1);
  });

  it("while marks cannot be written, a redelivery of an emitted record is still not re-emitted", async () => {
    const real = await store();
    // The store answers claims but every `emitted` mark fails (e.g. throttled UpdateItem).
    const marksFail: EmissionTrackingStore = {
      claim: (entries, nowMs) => real.claim(entries, nowMs),
      claimDetailed: (entries, nowMs) => real.claimDetailed(entries, nowMs),
      markEmitted: async (entries) => entries.map(() => false),
    };
    const sink = new RecordingSink();
    const unmarked = new UnmarkedEmissions();
    const raws = [kafkaRecord(1, event("m-1")), kafkaRecord(2, event("m-2"))];
    await processRawBatch(raws, deps(marksFail, sink, unmarked));
    assert.equal(unmarked.size, 2);
    const again = await processRawBatch(raws, deps(marksFail, sink, unmarked));
    assert.deepEqual(sink.clean, ["m-1", "m-2"]);
    assert.equal(again.summary.alreadyEmitted, 2);
    // Once marks work again they are flushed at the start of the next invocation.
    await processRawBatch([], deps(real, sink, unmarked));
    assert.equal(unmarked.size, 0);
    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: `raw-batch-${table}` }));
    assert.deepEqual(Items.map((item) => [item.source_id.S, item.state.S]).sort(), [
      ["kafka:raw/0/1", "emitted"],
      ["kafka:raw/0/2", "emitted"],
    ]);
  });
});
