import assert from "node:assert/strict";
import fc from "fast-check";
import { toBase64 } from "../../functions/core";

describe("core: base64 of dead-letter bytes", () => {
  it("matches RFC 4648 test vectors", () => {
    const cases: Array<[string, string]> = [["", ""], ["f", "Zg=="], ["fo", "Zm8="], ["foo", "Zm9v"], ["foob", "Zm9vYg=="], ["fooba", "Zm9vYmE="], ["foobar", "Zm9vYmFy"]];
    for (const [input, expected] of cases) assert.equal(toBase64(new TextEncoder().encode(input)), expected);
  });

  it("agrees with Node's Buffer for arbitrary bytes, including chunk boundaries (property)", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 13_000 }), (bytes) => assert.equal(toBase64(bytes), Buffer.from(bytes).toString("base64"))), { numRuns: 200 });
  });

  it("encodes only the viewed bytes of a subarray", () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5, 6]);
    assert.equal(toBase64(whole.subarray(2, 5)), Buffer.from([3, 4, 5]).toString("base64"));
  });
});
