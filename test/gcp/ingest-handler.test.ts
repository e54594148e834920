/**
 * The GCP ingest function in-process: registered with the Functions Framework and served by its
 * test server on loopback (real HTTP, real body parsing), with a fake key store and fake publishers.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import * as functions from "@google-cloud/functions-framework";
import { getTestServer } from "@google-cloud/functions-framework/testing";
import { generateApiKey, hashApiKey } from "../../functions/authorizer/api-key";
import type { ApiKeyItem } from "../../functions/authorizer/api-key-table";
import type { StreamRecord } from "../../functions/kinesis/chunk-records";
import { createIngestHandler, type IngestDeps } from "../../functions/gcp-ingest/ingest-handler";
import { kafkaRawPublisher } from "../../functions/gcp-ingest/kafka-publisher";
import { managedKafkaOauthToken } from "../../functions/gcp-ingest/managed-kafka-token";
import { pubsubRawPublisher } from "../../functions/gcp-ingest/pubsub-publisher";
import type { RawPublisher } from "../../functions/gcp-ingest/raw-publisher";
import { MAX_EVENTS_PER_REQUEST } from "../../functions/ingest-api";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
const bodyOf = (res: Response): Promise<any> => res.json();

const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);
const KEY = generateApiKey();
const DISABLED_KEY = generateApiKey();
const KEYS = new Map<string, ApiKeyItem>([
  [hashApiKey(KEY), { key_hash: hashApiKey(KEY), game_id: "game-7", enabled: true, created_at: "2026-01-01T00:00:00Z", label: "test" }],
  [hashApiKey(DISABLED_KEY), { key_hash: hashApiKey(DISABLED_KEY), game_id: "game-7", enabled: false, created_at: "2026-01-01T00:00:00Z", label: "off" }],
]);

class RecordingPublisher implements RawPublisher {
  published: StreamRecord[] = [];
  failIndexes = new Set<number>();
  throwError: Error | undefined;
  async publish(records: readonly StreamRecord[]) {
    if (this.throwError) throw this.throwError;
    this.published.push(...records);
    return [...this.failIndexes].map((index) => ({ index, errorCode: "PublishFailed", errorMessage: "boom" }));
  }
}

let publisher = new RecordingPublisher();
let lookupFails = false;
let counter = 0;
const deps: IngestDeps = {
  lookupApiKey: async (hash) => {
    if (lookupFails) throw new Error("firestore down");
    return KEYS.get(hash);
  },
  publisher: { publish: (records) => publisher.publish(records) },
  now: () => NOW,
  requestId: () => `req-${++counter}`,
  log: () => undefined,
};

describe("gcp: ingest function (in-process, Functions Framework test server)", () => {
  let server: Server;
  let base: string;
  before(async () => {
    functions.http("ingest-under-test", createIngestHandler(deps) as unknown as functions.HttpFunction);
    server = getTestServer("ingest-under-test");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    publisher = new RecordingPublisher();
    lookupFails = false;
  });

  const post = (body: unknown, headers: Record<string, string> = { authorization: `ApiKey ${KEY}` }, path = "/v1/events", method = "POST") =>
    fetch(`${base}${path}`, { method, headers: { "content-type": "application/json", ...headers }, body: method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body) });

  it("accepts 1–500 events, wraps each in the ingest envelope with the key's game, and answers per event", async () => {
    const events = [{ id: "e1", user_id: "u1", type: "level_start" }, { id: "e2", user_id: "u2", type: "level_complete" }];
    const res = await post({ events });
    assert.equal(res.status, 200);
    const body = await bodyOf(res);
    assert.deepEqual(body, { requestId: "req-" + counter, failedRecordCount: 0, records: [{ index: 0, status: "accepted" }, { index: 1, status: "accepted" }] });
    assert.equal(publisher.published.length, 2);
    const first = JSON.parse(Buffer.from(publisher.published[0].data).toString("utf8"));
    assert.deepEqual(first, { _ingest: { game_id: "game-7", request_id: body.requestId, received_at: new Date(NOW).toISOString() }, _event: events[0] });
    assert.equal(publisher.published[1].partitionKey, "u2");
  });

  it("marks exactly the events the channel did not acknowledge as rejected", async () => {
    publisher.failIndexes = new Set([1]);
    const res = await post({ events: [{ a: 1 }, { a: 2 }, { a: 3 }] }, { "x-api-key": KEY });
    const body = await bodyOf(res);
    assert.equal(res.status, 200);
    assert.equal(body.failedRecordCount, 1);
    assert.deepEqual(body.records.map((r: { status: string }) => r.status), ["accepted", "rejected", "accepted"]);
    assert.equal(body.records[1].errorCode, "PublishFailed");
  });

  it("refuses missing and malformed keys with 401, unknown and disabled keys with 403, publishing nothing", async () => {
    assert.equal((await post({ events: [{}] }, {})).status, 401);
    assert.equal((await post({ events: [{}] }, { authorization: "ApiKey not-a-key" })).status, 401);
    assert.equal((await post({ events: [{}] }, { authorization: `ApiKey ${generateApiKey()}` })).status, 403);
    const disabled = await post({ events: [{}] }, { authorization: `Bearer ${DISABLED_KEY}` });
    assert.equal(disabled.status, 403);
    assert.match((await bodyOf(disabled)).error.message, /disabled/);
    assert.equal(publisher.published.length, 0);
  });

  it("rejects bad requests as a whole: no events (400), 501 events (400), not JSON (400)", async () => {
    const empty = await post({ events: [] });
    assert.equal(empty.status, 400);
    assert.equal((await bodyOf(empty)).error.code, "NO_EVENTS");
    const tooMany = await post({ events: Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, () => ({})) });
    assert.equal((await bodyOf(tooMany)).error.code, "TOO_MANY_EVENTS");
    // (With content-type application/json the Functions Framework itself answers 400 before the handler.)
    const notJson = await post("{nope", { authorization: `ApiKey ${KEY}`, "content-type": "text/plain" });
    assert.equal(notJson.status, 400);
    assert.equal((await bodyOf(notJson)).error.code, "INVALID_JSON");
    assert.equal(publisher.published.length, 0);
  });

  it("answers 404 off the route and 405 for other methods", async () => {
    assert.equal((await post({ events: [{}] }, undefined, "/v2/events")).status, 404);
    const get = await post(undefined, undefined, "/v1/events", "GET");
    assert.equal(get.status, 405);
    assert.equal(get.headers.get("allow"), "POST");
  });

  it("answers 503 when the key store or the channel is down, never a silent drop", async () => {
    lookupFails = true;
    assert.equal((await post({ events: [{}] })).status, 503);
    lookupFails = false;
    publisher.throwError = new Error("topic gone");
    assert.equal((await post({ events: [{}] })).status, 503);
  });
});

describe("gcp: raw channel publishers", () => {
  const records: StreamRecord[] = [
    { data: Buffer.from('{"a":1}'), partitionKey: "u1" },
    { data: Buffer.from('{"a":2}'), partitionKey: "u2" },
  ];

  it("Pub/Sub: one message per event, failures reported per index", async () => {
    const sent: Array<{ data: Buffer; attributes: Record<string, string> }> = [];
    const topic = {
      publishMessage: async (message: { data: Buffer; attributes: Record<string, string> }) => {
        sent.push(message);
        if (message.attributes.partition_key === "u2") throw new Error("quota");
        return "id";
      },
    };
    const failed = await pubsubRawPublisher(topic as never).publish(records);
    assert.deepEqual(sent.map((m) => m.data.toString()), ['{"a":1}', '{"a":2}']);
    assert.deepEqual(failed.map((f) => f.index), [1]);
    assert.match(failed[0].errorMessage, /quota/);
  });

  it("Kafka: one acks=all send keyed by user; a failed send rejects the whole request", async () => {
    const sends: unknown[] = [];
    const ok = await kafkaRawPublisher({ send: async (batch: unknown) => (sends.push(batch), []) } as never, "game-events-raw").publish(records);
    assert.deepEqual(ok, []);
    assert.deepEqual(sends, [{ topic: "game-events-raw", acks: -1, messages: [{ key: "u1", value: Buffer.from('{"a":1}') }, { key: "u2", value: Buffer.from('{"a":2}') }] }]);
    const failed = await kafkaRawPublisher({ send: async () => { throw new Error("broker down"); } } as never, "game-events-raw").publish(records);
    assert.deepEqual(failed.map((f) => f.index), [0, 1]);
  });

  it("Managed Kafka OAUTHBEARER token: GOOG_OAUTH2_TOKEN header, principal claims, the access token as third part", () => {
    const token = managedKafkaOauthToken({ accessToken: "ya29.token", principal: "sa@p.iam.gserviceaccount.com", nowMs: 1_000_000, expiresAtMs: 4_600_000 });
    const [header, claims, access] = token.split(".").map((part) => Buffer.from(part, "base64url").toString("utf8"));
    assert.deepEqual(JSON.parse(header), { typ: "JWT", alg: "GOOG_OAUTH2_TOKEN" });
    // seconds: 1,000,000 ms → 1,000; 4,600,000 ms → 4,600
    assert.deepEqual(JSON.parse(claims), { exp: 4600, iat: 1000, iss: "Google", scope: "kafka", sub: "sa@p.iam.gserviceaccount.com" });
    assert.equal(access, "ya29.token");
  });
});
