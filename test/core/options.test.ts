import assert from "node:assert/strict";
import { DEFAULT_CORE_OPTIONS, coreOptions } from "../../functions/core";

describe("core: options", () => {
  it("fills the documented defaults", () => {
    const options = coreOptions({ now: () => 0 });
    assert.deepEqual({ ...options, now: undefined }, {
      maxRecordBytes: 65_536,
      maxDepth: 8,
      maxFields: 256,
      maxAgeDays: 7,
      futureToleranceMs: 3_600_000,
      dedupKeyFields: ["event_id"],
      now: undefined,
    });
    const { now: _now, ...withoutClock } = options;
    assert.deepEqual({ ...DEFAULT_CORE_OPTIONS }, withoutClock);
    assert.equal(coreOptions().now, Date.now);
  });

  it("copies dedupKeyFields so callers cannot mutate the defaults", () => {
    const options = coreOptions();
    options.dedupKeyFields.push("user_id");
    assert.deepEqual(coreOptions().dedupKeyFields, ["event_id"]);
    assert.deepEqual(DEFAULT_CORE_OPTIONS.dedupKeyFields, ["event_id"]);
  });

  it("accepts compound and parameter dedup keys", () => {
    assert.deepEqual(coreOptions({ dedupKeyFields: ["user_id", "parameters.match_id"] }).dedupKeyFields, ["user_id", "parameters.match_id"]);
  });

  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ["maxRecordBytes 0", { maxRecordBytes: 0 }, /"maxRecordBytes" = 0 .*integer from 1 to 16777216/],
    ["maxRecordBytes fractional", { maxRecordBytes: 1.5 }, /"maxRecordBytes" = 1.5/],
    ["maxDepth 0", { maxDepth: 0 }, /"maxDepth" = 0 .*from 1 to 64/],
    ["maxFields string", { maxFields: "10" }, /"maxFields" = "10"/],
    ["maxAgeDays 0", { maxAgeDays: 0 }, /"maxAgeDays" = 0 .*greater than 0/],
    ["maxAgeDays NaN", { maxAgeDays: Number.NaN }, /"maxAgeDays"/],
    ["futureToleranceMs negative", { futureToleranceMs: -1 }, /"futureToleranceMs" = -1 .*from 0/],
    ["empty dedupKeyFields", { dedupKeyFields: [] }, /"dedupKeyFields" = \[\] .*non-empty list of event_id, event_type/],
    ["unknown dedup field", { dedupKeyFields: ["eventId"] }, /"dedupKeyFields" contains "eventId"; allowed: event_id, /],
    ["bare parameters. prefix", { dedupKeyFields: ["parameters."] }, /contains "parameters\."/],
    ["repeated dedup field", { dedupKeyFields: ["event_id", "event_id"] }, /repeats a field/],
    ["now not a function", { now: 5 }, /"now" = 5 .*a function/],
    ["unknown option", { maxBytes: 5 }, /core option "maxBytes" is unknown; allowed options: maxRecordBytes, /],
  ];
  for (const [name, partial, message] of bad) {
    it(`rejects ${name} with a RangeError naming option, value and allowed values`, () => {
      assert.throws(() => coreOptions(partial as never), (error: unknown) => error instanceof RangeError && message.test(error.message));
    });
  }
});
