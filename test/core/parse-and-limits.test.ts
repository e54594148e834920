import assert from "node:assert/strict";
import { processRecord } from "../../functions/core";
import { recordOf, reasonOf } from "./record-helpers";
import { BASE_EVENT, vectorOptions } from "./vectors";

function reasonOfBytes(bytes: Uint8Array | string, maxRecordBytes?: number): string {
  const options = vectorOptions(maxRecordBytes === undefined ? {} : { maxRecordBytes });
  const outcome = processRecord(recordOf(bytes), options);
  return outcome.kind === "dead-letter" ? outcome.deadLetter.reason : "accepted";
}

/** An object nested `levels` deep inside parameters: event (1) → parameters (2) → … */
function nestedParameters(levels: number): Record<string, unknown> {
  let inner: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < levels; i++) inner = { next: inner };
  return inner;
}

describe("core: size limit and decoding", () => {
  const text = JSON.stringify(BASE_EVENT);
  const size = new TextEncoder().encode(text).length;

  it("accepts a record of exactly maxRecordBytes and rejects one byte more", () => {
    assert.equal(reasonOfBytes(text, size), "accepted");
    assert.equal(reasonOfBytes(text, size - 1), "RECORD_TOO_LARGE");
  });

  it("checks the size before decoding: oversized binary is RECORD_TOO_LARGE, not INVALID_ENCODING", () => {
    assert.equal(reasonOfBytes(new Uint8Array(100).fill(0xff), 99), "RECORD_TOO_LARGE");
  });

  it("decodes multi-byte UTF-8 and rejects overlong / surrogate encodings", () => {
    const event = processRecord(recordOf(JSON.stringify({ ...BASE_EVENT, name: "Zoë 🎮 東京" })), vectorOptions());
    assert.equal(event.kind === "event" && event.event.parameters.name, "Zoë 🎮 東京");
    assert.equal(reasonOfBytes(new Uint8Array([0x7b, 0xc0, 0xaf, 0x7d])), "INVALID_ENCODING"); // overlong "/"
    assert.equal(reasonOfBytes(new Uint8Array([0x7b, 0xed, 0xa0, 0x80, 0x7d])), "INVALID_ENCODING"); // UTF-16 surrogate
  });

  it("strips a BOM only at the start: a BOM in the middle is malformed JSON", () => {
    assert.equal(reasonOfBytes("\uFEFF" + text), "accepted");
    assert.equal(reasonOfBytes(text.slice(0, 1) + "\uFEFF" + text.slice(1)), "MALFORMED_JSON");
  });

  it("classifies JSON null, numbers and booleans as NOT_AN_OBJECT", () => {
    for (const value of ["null", "42", "true", '"x"', "[]"]) assert.equal(reasonOfBytes(value), "NOT_AN_OBJECT", value);
  });
});

describe("core: depth and field limits", () => {
  it("accepts depth exactly maxDepth and rejects maxDepth + 1 (objects and arrays both count)", () => {
    assert.equal(reasonOf({ ...BASE_EVENT, parameters: nestedParameters(7) }), "accepted"); // 1 + 7 = 8
    assert.equal(reasonOf({ ...BASE_EVENT, parameters: nestedParameters(8) }), "TOO_DEEP"); // 1 + 8 = 9
    assert.equal(reasonOf({ ...BASE_EVENT, list: [[[[[[[1]]]]]]] }), "accepted"); // 1 + 7 arrays = 8
    assert.equal(reasonOf({ ...BASE_EVENT, list: [[[[[[[[1]]]]]]]] }), "TOO_DEEP"); // 1 + 8 arrays = 9
    assert.equal(reasonOf({ ...BASE_EVENT, parameters: nestedParameters(2) }, vectorOptions({ maxDepth: 2 })), "TOO_DEEP");
  });

  it("survives 100,000 levels of nesting without a stack overflow", () => {
    const deep = `{"event_id":"e","event_type":"t","event_timestamp":"2026-11-22T05:00:00Z","user_id":"u","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    assert.equal(reasonOfBytes(deep, 1_000_000), "TOO_DEEP");
  });

  it("counts keys across the whole tree: maxFields passes, maxFields + 1 fails", () => {
    // 4 base keys + parameters (1) + 2 keys inside parameters + 3 keys in an object inside an array = 10
    const event = { ...BASE_EVENT, parameters: { a: 1, list: [{ b: 1, c: 2, d: 3 }] } };
    assert.equal(reasonOf(event, vectorOptions({ maxFields: 10 })), "accepted");
    assert.equal(reasonOf(event, vectorOptions({ maxFields: 9 })), "TOO_MANY_FIELDS");
  });

  it("applies limits to the unwrapped event of an ingest envelope, not to the envelope", () => {
    const wrapped = { _ingest: { game_id: null, request_id: "r", received_at: "2026-11-22T05:59:00Z" }, _event: { ...BASE_EVENT, parameters: nestedParameters(7) } };
    assert.equal(reasonOf(wrapped), "accepted"); // the envelope adds a level, the event is still depth 8
  });

  it("checks limits before field validation, so the reason does not depend on other faults", () => {
    assert.equal(reasonOf({ parameters: nestedParameters(8) }), "TOO_DEEP");
  });
});
