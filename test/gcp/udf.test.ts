/**
 * The Dataflow UDF generated from functions/core, run under an ES5-only sandbox against the core's
 * own test vectors: record for record the same verdict as calling the core directly — the same
 * landing row for an accepted event, the same reason code (and message) for a dead letter.
 */
import assert from "node:assert/strict";
import * as acorn from "acorn";
import { processRecord, type SourceCoordinates } from "../../functions/core";
import { toLandingRow } from "../../functions/gcp-udf/bigquery-row";
import { buildUdfSource, UDF_FUNCTION_NAME } from "../../functions/gcp-udf/build-udf";
import { DEAD_LETTER_PREFIX, type UdfSettings } from "../../functions/gcp-udf/udf-entry";
import { CORE_VECTORS, VECTOR_NOW_MS, vectorBytes, vectorOptions } from "../core/vectors";
import { loadUdf, sandboxLacks, type UdfSandbox } from "./udf-sandbox";

const SOURCE: SourceCoordinates = { kind: "pubsub", subscription: "tlm-test-raw-dataflow", messageId: "" };

function settingsFromVectorOptions(): UdfSettings {
  const o = vectorOptions();
  return { maxRecordBytes: o.maxRecordBytes, maxDepth: o.maxDepth, maxFields: o.maxFields, maxAgeDays: o.maxAgeDays, futureToleranceMs: o.futureToleranceMs, dedupKeyFields: o.dedupKeyFields, source: SOURCE };
}

/**
 * What a template hands the UDF: the payload bytes decoded as UTF-8 by Java — invalid sequences become
 * U+FFFD and a byte-order mark stays in the string (`ignoreBOM: true` keeps it, as Java does).
 */
function templateString(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
}

type Verdict = { kind: "row"; row: unknown } | { kind: "dead-letter"; message: string };

function coreVerdict(bytes: Uint8Array): Verdict {
  const outcome = processRecord({ data: bytes, source: SOURCE }, vectorOptions());
  return outcome.kind === "event"
    ? { kind: "row", row: toLandingRow(outcome.event, outcome.dedupKey) }
    : { kind: "dead-letter", message: `${DEAD_LETTER_PREFIX} ${outcome.deadLetter.reason}: ${outcome.deadLetter.message}` };
}

function udfVerdict(udf: UdfSandbox, text: string): Verdict {
  try {
    return { kind: "row", row: JSON.parse(udf.process(text)) };
  } catch (error) {
    return { kind: "dead-letter", message: (error as Error).message };
  }
}

describe("gcp: Dataflow UDF generated from functions/core", () => {
  let source: string;
  let udf: UdfSandbox;
  before(async () => {
    source = await buildUdfSource(settingsFromVectorOptions());
    udf = loadUdf(source, VECTOR_NOW_MS);
  });

  it("is ECMAScript 5.1 (Nashorn's default) and defines a global process(inJson)", () => {
    assert.doesNotThrow(() => acorn.parse(source, { ecmaVersion: 5 }));
    const program = acorn.parse(source, { ecmaVersion: 5 }) as unknown as { body: Array<{ type: string; id?: { name: string } }> };
    const declared = program.body.filter((node) => node.type === "FunctionDeclaration").map((node) => node.id!.name);
    assert.deepEqual(declared, [UDF_FUNCTION_NAME]);
  });

  it("runs in a sandbox that really lacks the ES2015 runtime the polyfills replace", () => {
    for (const name of ["Map", "Set", "Symbol", "TextDecoder", "Promise"]) assert.equal(sandboxLacks(name), true, name);
  });

  it("gives every core vector whose bytes survive UTF-8 decoding the core's own verdict", () => {
    let compared = 0;
    for (const vector of CORE_VECTORS) {
      const bytes = vectorBytes(vector);
      const text = templateString(bytes);
      if (Buffer.compare(Buffer.from(text, "utf8"), Buffer.from(bytes)) !== 0) continue;
      assert.deepEqual(udfVerdict(udf, text), coreVerdict(bytes), vector.name);
      compared++;
    }
    // All but the invalid-UTF-8 vectors (next test): a template decodes the payload before the UDF sees it.
    const invalidUtf8 = CORE_VECTORS.filter((v) => Buffer.from(templateString(vectorBytes(v)), "utf8").compare(Buffer.from(vectorBytes(v))) !== 0);
    assert.equal(compared, CORE_VECTORS.length - invalidUtf8.length);
    assert.ok(compared >= CORE_VECTORS.length - 2, `compared ${compared} of ${CORE_VECTORS.length}`);
  });

  it("gives payloads a template had to repair (invalid UTF-8) the core's verdict on the repaired text", () => {
    const repaired = CORE_VECTORS.filter((v) => Buffer.from(templateString(vectorBytes(v)), "utf8").compare(Buffer.from(vectorBytes(v))) !== 0);
    assert.ok(repaired.length > 0);
    for (const vector of repaired) {
      const text = templateString(vectorBytes(vector));
      assert.deepEqual(udfVerdict(udf, text), coreVerdict(Buffer.from(text, "utf8")), vector.name);
    }
  });

  it("dead-letters with the reason code first in the message, which the template stores as errorMessage", () => {
    const verdict = udfVerdict(udf, "{not json");
    assert.equal(verdict.kind, "dead-letter");
    assert.match((verdict as { message: string }).message, /^DEAD_LETTER MALFORMED_JSON: /);
  });

  it("bakes the stack's limits in: a record over maxRecordBytes is RECORD_TOO_LARGE in the UDF as in the core", async () => {
    const small = { ...settingsFromVectorOptions(), maxRecordBytes: 256 };
    const smallUdf = loadUdf(await buildUdfSource(small), VECTOR_NOW_MS);
    const payload = JSON.stringify({ event_id: "e1", event_type: "x", event_timestamp: "2026-11-22T05:00:00.000Z", user_id: "u", pad: "p".repeat(300) });
    const verdict = udfVerdict(smallUdf, payload);
    assert.equal(verdict.kind, "dead-letter");
    assert.match((verdict as { message: string }).message, /^DEAD_LETTER RECORD_TOO_LARGE: /);
    // The default limit (64 KiB) accepts the same payload.
    assert.equal(udfVerdict(udf, payload).kind, "row");
  });
});
