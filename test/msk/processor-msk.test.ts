import assert from "node:assert/strict";
import type { ProducerRecord, RecordMetadata } from "kafkajs";
import { BatchIncompleteError, createMskProcessorHandler } from "../../functions/processor-msk/handler";
import { toRawRecords, type MskEvent } from "../../functions/processor-msk/msk-event";
import { DEDUP_PARTITION_KEY } from "../../functions/processor/dynamo-dedup-store";
import { createHashKeyTable, startDynamo, type DynamoEmulator } from "../support/emulators";

/** kafkajs producer stand-in; `down` makes every send fail like an unreachable cluster. */
class FakeProducer {
  sends: ProducerRecord[] = [];
  down = false;
  async connect() {}
  async send(record: ProducerRecord): Promise<RecordMetadata[]> {
    if (this.down) throw Object.assign(new Error("Connection timeout"), { name: "KafkaJSConnectionError" });
    this.sends.push(record);
    return [];
  }
  on(topic: string) {
    return this.sends.filter((s) => s.topic === topic).flatMap((s) => s.messages.map((m) => JSON.parse(String(m.value))));
  }
}

const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);
const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64");
const record = (partition: number, offset: number, value: unknown) => ({
  topic: "test-raw",
  partition,
  offset,
  timestamp: NOW - 1000,
  timestampType: "CREATE_TIME",
  key: b64("u1"),
  value: value === null ? null : b64(value),
});
const event = (records: ReturnType<typeof record>[]): MskEvent => {
  const grouped: MskEvent["records"] = {};
  for (const r of records) (grouped[`${r.topic}-${r.partition}`] ??= []).push(r);
  return { eventSource: "aws:kafka", eventSourceArn: "arn:aws:kafka:us-east-1:123456789012:cluster/c/u-1", records: grouped };
};
const valid = (id: string) => ({ event_id: id, event_type: "level_start", user_id: "u1", event_timestamp: new Date(NOW - 5000).toISOString() });

describe("MSK event decoding", () => {
  it("keeps every record with kafka coordinates, a tombstone as an empty record", () => {
    const raws = toRawRecords(event([record(0, 7, valid("a")), record(1, 3, null)]));
    assert.equal(raws.length, 2);
    assert.deepEqual(raws[0].source, { kind: "kafka", topic: "test-raw", partition: 0, offset: "7" });
    assert.equal(raws[0].receivedAt, new Date(NOW - 1000).toISOString());
    assert.equal(raws[1].data.byteLength, 0);
  });
});

describe("processor-msk against a real DynamoDB emulator", function () {
  this.timeout(30_000);
  let dynamo: DynamoEmulator;
  const env = {
    CLEAN_STREAM: "test-clean",
    DEAD_LETTER_STREAM: "test-dead-letter",
    DEDUP_TABLE: "dedup-msk",
    DEDUP_WINDOW_MINUTES: "30",
    BOOTSTRAP_BROKERS: "b-1:9098",
    AWS_LAMBDA_FUNCTION_NAME: "tlm-test-msk-processor",
  };

  before(async () => {
    dynamo = await startDynamo();
    await createHashKeyTable(dynamo.client, env.DEDUP_TABLE, DEDUP_PARTITION_KEY);
  });
  after(() => dynamo.stop());

  it("writes clean events and dead letters to their topics; a redelivered batch adds nothing to clean", async () => {
    const producer = new FakeProducer();
    const handler = createMskProcessorHandler(env, { producer, dynamo: dynamo.client, log: () => {}, now: () => NOW });
    const batch = event([record(0, 1, valid("m1")), record(0, 2, valid("m1")), record(1, 1, "{broken"), record(1, 2, valid("m2"))]);
    await handler(batch);
    assert.deepEqual(producer.on("test-clean").map((e) => e.event_id).sort(), ["m1", "m2"]);
    const deadLetters = producer.on("test-dead-letter");
    assert.equal(deadLetters.length, 1);
    assert.equal(deadLetters[0].reason, "MALFORMED_JSON");
    assert.deepEqual(deadLetters[0].source, { kind: "kafka", topic: "test-raw", partition: 1, offset: "1" });

    await handler(batch); // Lambda redelivers the same offsets
    assert.equal(producer.on("test-clean").length, 2, "no second clean copy");
  });

  it("fails the invocation (so Lambda retries) when the clean topic cannot be written, then recovers", async () => {
    const producer = new FakeProducer();
    const handler = createMskProcessorHandler({ ...env, DEDUP_TABLE: env.DEDUP_TABLE }, { producer, dynamo: dynamo.client, log: () => {}, now: () => NOW });
    const batch = event([record(2, 10, valid("r1"))]);
    producer.down = true;
    await assert.rejects(handler(batch), (e: Error) => e instanceof BatchIncompleteError && /kafka:test-raw/.test(e.message));
    producer.down = false;
    await handler(batch);
    assert.deepEqual(producer.on("test-clean").map((e) => e.event_id), ["r1"]);
  });
});
