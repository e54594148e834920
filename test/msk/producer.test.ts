import assert from "node:assert/strict";
import type { ProducerRecord, RecordMetadata } from "kafkajs";
import { KafkaEventSink } from "../../functions/kafka/kafka-event-sink";
import { ACKS_ALL, KAFKA_MAX_MESSAGE_BYTES, KAFKA_SEND_MAX_MESSAGES } from "../../functions/kafka/limits";
import { mskKafkaConfig, parseBrokerList } from "../../functions/kafka/msk-iam-client";
import { LazyConnection } from "../../functions/kafka/idempotent-producer";
import { chunkForSend, sendRecords, type ProducerPort } from "../../functions/kafka/send-messages";
import { produceEvents } from "../../functions/producer/produce-events";
import type { ProxyEvent } from "../../functions/producer/proxy-event";

/** kafkajs Producer stand-in: records each send; `failOn(i)` makes the i-th call throw like kafkajs does. */
class FakeProducer implements ProducerPort {
  sends: ProducerRecord[] = [];
  private failing = new Set<number>();
  failOn(...calls: number[]): this {
    calls.forEach((c) => this.failing.add(c));
    return this;
  }
  async send(record: ProducerRecord): Promise<RecordMetadata[]> {
    const call = this.sends.length;
    this.sends.push(record);
    if (this.failing.has(call)) {
      const error = new Error("Broker: Not enough in-sync replicas");
      error.name = "KafkaJSProtocolError";
      throw error;
    }
    return [{ topicName: record.topic, partition: 0, errorCode: 0 }];
  }
}

const event = (body: unknown, gameId: string | null = "game-7"): ProxyEvent => ({
  body: typeof body === "string" ? body : JSON.stringify(body),
  requestContext: { requestId: "req-1", requestTimeEpoch: Date.UTC(2026, 10, 22, 6, 0, 0), authorizer: gameId ? { gameId, keyId: "k1" } : null },
});

const deps = (producer: ProducerPort) => ({ producer: async () => producer, rawTopic: "dev-client-game_event-raw", now: () => 0, log: () => {} });

describe("producer Lambda", () => {
  it("writes every event to the raw topic in the ingest envelope, keyed by user id, acks=all", async () => {
    const producer = new FakeProducer();
    const result = await produceEvents(event({ events: [{ event_id: "e1", user_id: "u1" }, { id: "e2", customer_id: "c9" }, { event_id: "e3" }] }), deps(producer));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body);
    assert.deepEqual(body, {
      requestId: "req-1",
      failedRecordCount: 0,
      records: [0, 1, 2].map((index) => ({ index, status: "accepted" })),
    });
    assert.equal(producer.sends.length, 1);
    const [send] = producer.sends;
    assert.equal(send.topic, "dev-client-game_event-raw");
    assert.equal(send.acks, ACKS_ALL);
    // user_id, then the alias customer_id, then the request id when the event has no user
    assert.deepEqual(send.messages.map((m) => m.key), ["u1", "c9", "req-1"]);
    const first = JSON.parse(String(send.messages[0].value));
    assert.deepEqual(first._ingest, { game_id: "game-7", request_id: "req-1", received_at: "2026-11-22T06:00:00.000Z" });
    assert.deepEqual(first._event, { event_id: "e1", user_id: "u1" });
  });

  it("rejects a malformed request as a whole (the shared 4xx contract) and writes nothing", async () => {
    const producer = new FakeProducer();
    const bad = await produceEvents(event("{not json"), deps(producer));
    assert.equal(bad.statusCode, 400);
    assert.equal(JSON.parse(bad.body).error.code, "INVALID_JSON");
    const empty = await produceEvents(event({ events: [] }), deps(producer));
    assert.equal(JSON.parse(empty.body).error.code, "NO_EVENTS");
    const tooMany = await produceEvents(event({ events: Array.from({ length: 501 }, () => ({})) }), deps(producer));
    assert.equal(JSON.parse(tooMany.body).error.code, "TOO_MANY_EVENTS");
    assert.equal(producer.sends.length, 0);
  });

  it("reports an oversized event as rejected and still writes the others", async () => {
    const producer = new FakeProducer();
    const huge = { event_id: "big", blob: "x".repeat(KAFKA_MAX_MESSAGE_BYTES) };
    const result = await produceEvents(event({ events: [{ event_id: "ok" }, huge] }), deps(producer));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body);
    assert.equal(body.failedRecordCount, 1);
    assert.equal(body.records[1].status, "rejected");
    assert.equal(body.records[1].errorCode, "RecordTooLarge");
    assert.equal(producer.sends[0].messages.length, 1);
  });

  it("answers 503 with every event rejected when the brokers cannot be reached", async () => {
    const unreachable = { ...deps(new FakeProducer()), producer: async () => Promise.reject(Object.assign(new Error("connect ETIMEDOUT"), { name: "KafkaJSConnectionError" })) };
    const result = await produceEvents(event({ events: [{ event_id: "a" }, { event_id: "b" }] }), unreachable);
    assert.equal(result.statusCode, 503);
    const body = JSON.parse(result.body);
    assert.equal(body.failedRecordCount, 2);
    assert.ok(body.records.every((r: { errorCode: string }) => r.errorCode === "KafkaJSConnectionError"));
  });

  it("decodes a base64 body and passes a null game id when there is no authorizer context", async () => {
    const producer = new FakeProducer();
    const encoded: ProxyEvent = { ...event(null, null), body: Buffer.from(JSON.stringify({ events: [{ event_id: "z" }] })).toString("base64"), isBase64Encoded: true };
    const result = await produceEvents(encoded, deps(producer));
    assert.equal(result.statusCode, 200);
    assert.equal(JSON.parse(String(producer.sends[0].messages[0].value))._ingest.game_id, null);
  });
});

describe("kafka writer and sink", () => {
  const record = (i: number, bytes = 10) => ({ data: Buffer.alloc(bytes, 97), partitionKey: `k${i}` });

  it("splits sends at 500 messages and reports only the failed call's records", async () => {
    const records = Array.from({ length: 1200 }, (_, i) => record(i));
    assert.deepEqual(chunkForSend(records, records.map((_, i) => i)).map((c) => c.length), [KAFKA_SEND_MAX_MESSAGES, KAFKA_SEND_MAX_MESSAGES, 200]);
    const producer = new FakeProducer().failOn(1);
    const { failed, calls } = await sendRecords(producer, "t", records);
    assert.equal(calls, 3);
    // call 1 carried records 500..999
    assert.deepEqual(failed.map((f) => f.index), Array.from({ length: 500 }, (_, i) => 500 + i));
    assert.equal(failed[0].errorCode, "KafkaJSProtocolError");
  });

  it("splits sends by bytes (4 MiB per call)", () => {
    const records = Array.from({ length: 10 }, (_, i) => record(i, 1024 * 1024));
    // 1 MiB + key + 512 B overhead each: three fit under 4 MiB, a fourth would not
    assert.deepEqual(chunkForSend(records, records.map((_, i) => i)).map((c) => c.length), [3, 3, 3, 1]);
  });

  it("the Kafka EventSink writes clean events and dead letters to their topics with the shared output records", async () => {
    const producer = new FakeProducer();
    const sink = new KafkaEventSink({ producer, cleanTopic: "clean", deadLetterTopic: "dlq" });
    const clean = {
      event: { event_id: "e1", event_type: "login", event_timestamp: "2026-11-22T06:00:00.000Z", received_at: "2026-11-22T06:00:01.000Z", user_id: "u1", session_id: null, game_id: "g", platform: null, app_version: null, parameters: {}, event_date: "2026-11-22", event_hour: 6 },
      dedupKey: "e1",
      source: { kind: "kafka" as const, topic: "raw", partition: 0, offset: "5" },
    };
    assert.deepEqual(await sink.putClean([clean]), { failed: [] });
    assert.equal(producer.sends[0].topic, "clean");
    assert.equal(producer.sends[0].messages[0].key, "u1");
    assert.equal(String(producer.sends[0].messages[0].value), JSON.stringify(clean.event) + "\n");
    const deadLetter = { reason: "MALFORMED_JSON" as const, message: "bad", original_base64: "e30=", source: clean.source, received_at: clean.event.received_at };
    assert.deepEqual(await sink.putDeadLetters([deadLetter]), { failed: [] });
    assert.equal(producer.sends[1].topic, "dlq");
    assert.deepEqual(await sink.putClean([]), { failed: [] });
    assert.equal(producer.sends.length, 2);
  });
});

describe("MSK IAM client", () => {
  it("uses TLS and OAUTHBEARER tokens from the signer for the stack's region", async () => {
    const regions: string[] = [];
    const config = mskKafkaConfig({ brokers: parseBrokerList(" b-1:9098, b-2:9098 ,"), region: "eu-west-1", clientId: "c", tokenProvider: async (region) => (regions.push(region), { token: "signed-token" }) });
    assert.deepEqual(config.brokers, ["b-1:9098", "b-2:9098"]);
    assert.equal(config.ssl, true);
    const sasl = config.sasl as { mechanism: string; oauthBearerProvider: () => Promise<{ value: string }> };
    assert.equal(sasl.mechanism, "oauthbearer");
    assert.deepEqual(await sasl.oauthBearerProvider(), { value: "signed-token" });
    assert.deepEqual(regions, ["eu-west-1"]);
    assert.throws(() => mskKafkaConfig({ brokers: [], region: "r", clientId: "c" }), /no bootstrap brokers/);
  });

  it("connects once, and again after a failed connect", async () => {
    let attempts = 0;
    const client = { connect: async () => { attempts++; if (attempts === 1) throw new Error("down"); } };
    const lazy = new LazyConnection(client);
    await assert.rejects(lazy.ready(), /down/);
    await lazy.ready();
    await lazy.ready();
    assert.equal(attempts, 2);
  });
});
