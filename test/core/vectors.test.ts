import assert from "node:assert/strict";
import { processRecord, REASON_CODE_LIST, type SourceCoordinates } from "../../functions/core";
import { CORE_VECTORS, vectorBytes, vectorOptions, vectorsAsJson } from "./vectors";

describe("core: shared test vectors", () => {
  const options = vectorOptions();

  CORE_VECTORS.forEach((vector, index) => {
    it(vector.name, () => {
      const source: SourceCoordinates = { kind: "file", file: "vectors.ndjson", line: index + 1 };
      const bytes = vectorBytes(vector);
      const outcome = processRecord({ data: bytes, source }, options);
      if (vector.expected.kind === "dead-letter") {
        assert.equal(outcome.kind, "dead-letter", `accepted: ${JSON.stringify(outcome)}`);
        if (outcome.kind !== "dead-letter") return;
        assert.equal(outcome.deadLetter.reason, vector.expected.reason, outcome.deadLetter.message);
        assert.ok(outcome.deadLetter.message.length > 0);
        assert.equal(outcome.deadLetter.original_base64, Buffer.from(bytes).toString("base64"));
        assert.deepEqual(outcome.deadLetter.source, source);
      } else {
        assert.equal(outcome.kind, "event", outcome.kind === "dead-letter" ? `${outcome.deadLetter.reason}: ${outcome.deadLetter.message}` : "");
        if (outcome.kind !== "event") return;
        for (const [field, value] of Object.entries(vector.expected.event)) {
          assert.deepEqual((outcome.event as unknown as Record<string, unknown>)[field], value, `field ${field}`);
        }
        assert.deepEqual(outcome.source, source);
      }
    });
  });

  it("cover every reason code and each seed's input shape", () => {
    const reasons = new Set(CORE_VECTORS.flatMap((v) => (v.expected.kind === "dead-letter" ? [v.expected.reason] : [])));
    assert.deepEqual([...REASON_CODE_LIST].filter((code) => !reasons.has(code)), []);
    for (const shape of ["seed 001", "seed 003", "seed 004", "common analytics shape"]) {
      assert.ok(CORE_VECTORS.some((v) => v.name.startsWith(shape) && v.expected.kind === "event"), shape);
    }
  });

  it("export a JSON form whose base64 decodes to the same bytes", () => {
    const asJson = vectorsAsJson();
    assert.equal(asJson.length, CORE_VECTORS.length);
    asJson.forEach((entry, i) => assert.deepEqual(new Uint8Array(Buffer.from(entry.input_base64, "base64")), vectorBytes(CORE_VECTORS[i])));
    assert.doesNotThrow(() => JSON.stringify(asJson));
  });
});
