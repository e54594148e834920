import assert from "node:assert/strict";
import {
  INGEST_HTTP_METHOD,
  INGEST_PATH,
  MAX_EVENTS_PER_REQUEST,
  ingestResponse,
  partitionKeyFor,
  toRawStreamRecords,
  validateIngestRequest,
} from "../../../functions/ingest-api";
import { MAX_RECORDS_PER_PUT } from "../../../functions/kinesis";
import { coreOptions, processRecord } from "../../../functions/core";

describe("ingest-api: the request/response contract", () => {
  it("is POST /v1/events with at most 500 events, one PutRecords call per request", () => {
    assert.equal(INGEST_HTTP_METHOD, "POST");
    assert.equal(INGEST_PATH, "/v1/events");
    assert.equal(MAX_EVENTS_PER_REQUEST, 500);
    assert.ok(MAX_EVENTS_PER_REQUEST <= MAX_RECORDS_PER_PUT);
  });

  it("accepts 1–500 events and rejects everything else with a code and a 4xx status", () => {
    const events = (n: number) => JSON.stringify({ events: Array.from({ length: n }, (_, i) => ({ i })) });
    const one = validateIngestRequest(events(1));
    assert.ok(one.ok && one.events.length === 1);
    const max = validateIngestRequest(Buffer.from(events(MAX_EVENTS_PER_REQUEST)));
    assert.ok(max.ok && max.events.length === MAX_EVENTS_PER_REQUEST);
    const cases: Array<[string, number, string]> = [
      [events(0), 400, "NO_EVENTS"],
      [events(MAX_EVENTS_PER_REQUEST + 1), 400, "TOO_MANY_EVENTS"],
      ["{not json", 400, "INVALID_JSON"],
      ["[]", 400, "INVALID_REQUEST"],
      ['{"events":{}}', 400, "INVALID_REQUEST"],
      ['{"event":[]}', 400, "INVALID_REQUEST"],
    ];
    for (const [body, status, code] of cases) {
      const result = validateIngestRequest(body);
      assert.ok(!result.ok, body.slice(0, 40));
      assert.deepEqual([result.status, result.code], [status, code]);
    }
  });

  it("keys partitions by the user id under any alias, else by request id", () => {
    assert.equal(partitionKeyFor({ user_id: "u-1" }, "req"), "u-1");
    assert.equal(partitionKeyFor({ customer_id: "CUST_9" }, "req"), "CUST_9");
    assert.equal(partitionKeyFor({ player_id: 42 }, "req"), "42");
    assert.equal(partitionKeyFor({ user_id: "  " }, "req"), "req");
    assert.equal(partitionKeyFor({ user_id: "x".repeat(257) }, "req"), "req");
    assert.equal(partitionKeyFor("not an object", "req"), "req");
  });

  it("wraps each event in the ingest envelope the core unwraps, and builds per-event results", () => {
    const ingest = { game_id: "g1", request_id: "r-1", received_at: new Date().toISOString() };
    const event = { event_id: "e1", event_type: "login", event_timestamp: Date.now(), user_id: "u1" };
    const [record] = toRawStreamRecords([event], ingest);
    assert.equal(record.partitionKey, "u1");
    const outcome = processRecord({ data: record.data, source: { kind: "http", requestId: "r-1", index: 0 } }, coreOptions({ now: Date.now }));
    assert.equal(outcome.kind, "event");
    if (outcome.kind === "event") assert.equal(outcome.event.game_id, "g1");

    assert.deepEqual(ingestResponse("r-1", 3, [{ index: 1, errorCode: "ProvisionedThroughputExceededException", errorMessage: "slow" }]), {
      requestId: "r-1",
      failedRecordCount: 1,
      records: [
        { index: 0, status: "accepted" },
        { index: 1, status: "rejected", errorCode: "ProvisionedThroughputExceededException", errorMessage: "slow" },
        { index: 2, status: "accepted" },
      ],
    });
  });
});
