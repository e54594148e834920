import assert from "node:assert/strict";
import { INGEST_ENVELOPE_KEYS, wrapForIngest } from "../../functions/core";
import { acceptedEvent, outcomeOf, reasonOf } from "./record-helpers";
import { BASE_EVENT } from "./vectors";

const INGEST = { game_id: "game-1", request_id: "req-9", received_at: "2026-11-22T05:58:00.000Z" };

describe("core: ingest envelope", () => {
  it("wraps an event under the agreed keys", () => {
    assert.deepEqual(INGEST_ENVELOPE_KEYS, { ingest: "_ingest", event: "_event" });
    assert.deepEqual(JSON.parse(wrapForIngest({ a: 1 }, INGEST)), { _ingest: INGEST, _event: { a: 1 } });
  });

  it("round-trips: wrapped events are unwrapped, game_id and received_at filled from _ingest", () => {
    const event = acceptedEvent(JSON.parse(wrapForIngest({ ...BASE_EVENT, extra: 1 }, INGEST)));
    assert.equal(event.game_id, "game-1");
    assert.equal(event.received_at, INGEST.received_at);
    assert.deepEqual(event.parameters, { extra: 1 });
  });

  it("accepts received_at as epoch milliseconds (API Gateway's requestTimeEpoch) and normalises it", () => {
    const receivedMs = Date.UTC(2026, 10, 22, 5, 58, 0, 5);
    const event = acceptedEvent({ _ingest: { ...INGEST, received_at: receivedMs }, _event: BASE_EVENT });
    assert.equal(event.received_at, "2026-11-22T05:58:00.005Z");
  });

  it("treats an empty or missing _ingest.game_id as no binding", () => {
    assert.equal(acceptedEvent({ _ingest: { ...INGEST, game_id: "" }, _event: { ...BASE_EVENT, game_id: "own" } }).game_id, "own");
    const { game_id: _omit, ...noGame } = INGEST;
    assert.equal(acceptedEvent({ _ingest: noGame, _event: BASE_EVENT }).game_id, null);
  });

  it("rejects a mismatching game_id with GAME_ID_MISMATCH naming both games", () => {
    const outcome = outcomeOf({ _ingest: INGEST, _event: { ...BASE_EVENT, gameId: "game-2" } });
    assert.equal(outcome.kind, "dead-letter");
    if (outcome.kind === "dead-letter") {
      assert.equal(outcome.deadLetter.reason, "GAME_ID_MISMATCH");
      assert.match(outcome.deadLetter.message, /game-2.*game-1/);
    }
  });

  const malformed: Array<[string, unknown]> = [
    ["_ingest null", { _ingest: null, _event: BASE_EVENT }],
    ["_ingest an array", { _ingest: [INGEST], _event: BASE_EVENT }],
    ["unknown _ingest key", { _ingest: { ...INGEST, api_key: "k" }, _event: BASE_EVENT }],
    ["game_id a number", { _ingest: { ...INGEST, game_id: 5 }, _event: BASE_EVENT }],
    ["game_id with spaces", { _ingest: { ...INGEST, game_id: "my game" }, _event: BASE_EVENT }],
    ["request_id missing", { _ingest: { game_id: "g", received_at: INGEST.received_at }, _event: BASE_EVENT }],
    ["request_id empty", { _ingest: { ...INGEST, request_id: "" }, _event: BASE_EVENT }],
    ["received_at missing", { _ingest: { game_id: "g", request_id: "r" }, _event: BASE_EVENT }],
    ["_event missing", { _ingest: INGEST }],
    ["extra key beside the envelope", { _ingest: INGEST, _event: BASE_EVENT, user_id: "x" }],
    ["_event alone", { _event: BASE_EVENT }],
  ];
  for (const [name, value] of malformed) {
    it(`rejects ${name} as INVALID_INGEST_ENVELOPE`, () => assert.equal(reasonOf(value), "INVALID_INGEST_ENVELOPE"));
  }

  it("rejects an _event that is not an object as NOT_AN_OBJECT", () => {
    assert.equal(reasonOf({ _ingest: INGEST, _event: [BASE_EVENT] }), "NOT_AN_OBJECT");
    assert.equal(reasonOf({ _ingest: INGEST, _event: "{}" }), "NOT_AN_OBJECT");
    assert.equal(reasonOf({ _ingest: INGEST, _event: null }), "NOT_AN_OBJECT");
  });
});
