import assert from "node:assert/strict";
import fc from "fast-check";
import { EPOCH_SECONDS_BELOW, MAX_EPOCH_MS, parseTimestampMs, toIsoMs } from "../../functions/core";

const T = Date.UTC(2026, 10, 22, 5, 30, 15, 123); // 2026-11-22T05:30:15.123Z

describe("core: timestamps", () => {
  it("reads ISO-8601 with Z, offsets, no offset (UTC), a space separator and minute precision", () => {
    assert.equal(parseTimestampMs("2026-11-22T05:30:15.123Z"), T);
    assert.equal(parseTimestampMs("2026-11-22t05:30:15.123z"), T);
    assert.equal(parseTimestampMs("2026-11-22T05:30:15.123"), T);
    assert.equal(parseTimestampMs("2026-11-22 05:30:15.123"), T);
    assert.equal(parseTimestampMs("2026-11-22T05:30:15,123Z"), T);
    assert.equal(parseTimestampMs("2026-11-22T07:30:15.123+02:00"), T); // 07:30 at +02:00 = 05:30Z
    assert.equal(parseTimestampMs("2026-11-22T07:30:15.123+0200"), T);
    assert.equal(parseTimestampMs("2026-11-22T07:30:15.123+02"), T);
    assert.equal(parseTimestampMs("2026-11-22T00:00:15.123-05:30"), T); // 00:00 at −05:30 = 05:30Z
    assert.equal(parseTimestampMs("2026-11-22T05:30Z"), T - 15_123);
    assert.equal(parseTimestampMs("  2026-11-22T05:30:15.123Z "), T);
  });

  it("truncates fractions beyond milliseconds and pads shorter ones", () => {
    assert.equal(parseTimestampMs("2026-11-22T05:30:15.123999Z"), T);
    assert.equal(parseTimestampMs("2026-11-22T05:30:15.123456789Z"), T);
    assert.equal(parseTimestampMs("2026-11-22T05:30:15.1Z"), T - 23); // .1 = 100 ms = 123 − 23
  });

  it("reads epoch seconds below 1e11 and epoch milliseconds from 1e11, as numbers or digit strings", () => {
    assert.equal(parseTimestampMs(T / 1000), T); // 1795325415.123 s
    assert.equal(parseTimestampMs(T), T);
    assert.equal(parseTimestampMs(String(T)), T);
    assert.equal(parseTimestampMs(String(T / 1000)), T);
    assert.equal(parseTimestampMs(Math.floor(T / 1000)), T - 123);
    assert.equal(parseTimestampMs(EPOCH_SECONDS_BELOW - 1), (EPOCH_SECONDS_BELOW - 1) * 1000); // still seconds
    assert.equal(parseTimestampMs(EPOCH_SECONDS_BELOW), EPOCH_SECONDS_BELOW); // now milliseconds
    assert.equal(toIsoMs(EPOCH_SECONDS_BELOW), "1973-03-03T09:46:40.000Z");
  });

  it("rejects impossible dates, malformed text and out-of-range instants", () => {
    for (const bad of [
      "2026-02-29T00:00:00Z", // 2026 is not a leap year
      "2026-13-01T00:00:00Z",
      "2026-11-31T00:00:00Z",
      "2026-11-22T24:00:00Z",
      "2026-11-22T05:60:00Z",
      "2026-11-22T05:30:60Z",
      "2026-11-22T05:30:15.Z",
      "2026-11-22T05:30:15+25:00",
      "2026-11-22T05:30:15ZZ",
      "2026-11-22",
      "2026/11/22T05:30:15Z",
      "1969-12-31T23:59:59.999Z",
      "",
      "12abc",
      "1e12",
      "-1",
      -1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      MAX_EPOCH_MS + 1,
      true,
      null,
      {},
    ]) {
      assert.equal(parseTimestampMs(bad), null, `accepted ${JSON.stringify(bad)}`);
    }
    assert.equal(parseTimestampMs("2028-02-29T00:00:00Z"), Date.UTC(2028, 1, 29)); // 2028 is a leap year
    assert.equal(parseTimestampMs("2000-02-29T00:00:00Z"), Date.UTC(2000, 1, 29)); // divisible by 400
    assert.equal(parseTimestampMs("2100-02-29T00:00:00Z"), null); // divisible by 100, not 400
    assert.equal(parseTimestampMs("9999-12-31T23:59:59.999Z"), MAX_EPOCH_MS);
    assert.equal(parseTimestampMs("1970-01-01T00:00:00Z"), 0);
  });

  it("agrees with Date for every canonical ISO string in range (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_EPOCH_MS }), (ms) => {
        const iso = new Date(ms).toISOString();
        assert.equal(parseTimestampMs(iso), ms);
        assert.equal(toIsoMs(ms), iso);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with Date for ISO strings with arbitrary offsets (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 86_400_000, max: MAX_EPOCH_MS - 86_400_000 }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (ms, offsetMinutes) => {
          const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(offsetMinutes);
          const offset = `${offsetMinutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          assert.equal(parseTimestampMs(local + offset), ms);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
