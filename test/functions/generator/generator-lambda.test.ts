import assert from "node:assert/strict";
import { createGeneratorHandler } from "../../../functions/generator/handler";
import { MAX_EVENTS_PER_RUN, MIN_EVENTS_PER_RUN, generatorConfigFromEnv } from "../../../functions/generator/run-config";
import { startKinesis, type KinesisEmulator } from "../../support/emulators";
import { readStream } from "../support/kinesis-streams";

describe("generator Lambda (kinesalite)", () => {
  let kinesis: KinesisEmulator;
  before(async () => {
    kinesis = await startKinesis();
    await kinesis.createStream("gen-raw", 2);
  });
  after(() => kinesis.stop());

  it("puts one scheduled run's records on the raw stream, keyed by user", async () => {
    const logs: string[] = [];
    const handler = createGeneratorHandler(
      { RAW_STREAM: "gen-raw", EVENTS_MIN: "2000", EVENTS_MAX: "2000", DUPLICATE_RATIO: "0.1", INVALID_RATIO: "0.05" },
      { kinesis: kinesis.client, log: (l) => logs.push(l) },
    );
    const result = await handler({ id: "schedule-event-1", time: "2026-11-22T06:00:00Z" });
    assert.deepEqual(result, {
      runId: "schedule-event-1",
      events: 2000,
      duplicates: Math.round(2000 * 0.1),
      invalid: Math.round(2000 * 0.05),
      failed: 0,
    });
    const onStream = await readStream(kinesis.client, "gen-raw");
    assert.equal(onStream.length, 2000);
    assert.ok(onStream.every(({ record }) => record.PartitionKey!.startsWith("user_")));
    assert.equal(JSON.parse(logs[0]).failed, 0);
  });

  it("draws the event count from 2,000–25,000 by default and rejects bad settings", () => {
    assert.deepEqual(
      [generatorConfigFromEnv({ RAW_STREAM: "r" }).minEvents, generatorConfigFromEnv({ RAW_STREAM: "r" }).maxEvents],
      [MIN_EVENTS_PER_RUN, MAX_EVENTS_PER_RUN],
    );
    assert.deepEqual([MIN_EVENTS_PER_RUN, MAX_EVENTS_PER_RUN], [2000, 25000]);
    assert.throws(() => generatorConfigFromEnv({ RAW_STREAM: "r", EVENTS_MAX: "30000" }), /EVENTS_MAX="30000" is invalid; allowed: a whole number 2000\.\.25000/);
    assert.throws(() => generatorConfigFromEnv({ RAW_STREAM: "r", EVENTS_MIN: "9000", EVENTS_MAX: "3000" }), /EVENTS_MIN=9000 is greater than EVENTS_MAX=3000/);
    assert.throws(() => generatorConfigFromEnv({}), /RAW_STREAM is not set/);
  });
});
