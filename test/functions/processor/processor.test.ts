import { ScanCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { PutRecordsCommand, type PutRecordsCommandOutput } from "@aws-sdk/client-kinesis";
import assert from "node:assert/strict";
import type { DeadLetterRecord, SilverEvent } from "../../../functions/core";
import type { PutRecordsClient } from "../../../functions/kinesis";
import { PIPELINE_METRICS } from "../../../functions/metrics";
import { createProcessorHandler, type ProcessorOverrides } from "../../../functions/processor/handler";
import type { KinesisStreamEvent } from "../../../functions/processor/kinesis-event";
import { createHashKeyTable, startDynamo, startKinesis, type DynamoEmulator, type KinesisEmulator } from "../../support/emulators";
import { putLinesAsLambdaEvent, readJsonLines } from "../support/kinesis-streams";

const WINDOW_MINUTES = 30;

function gameEvent(id: string, user: string): Record<string, unknown> {
  return {
    event_id: id,
    event_type: "level_start",
    event_timestamp: new Date(Date.now() - 60_000).toISOString(),
    user_id: user,
    session_id: `s-${user}`,
    platform: "iOS",
    parameters: { level_id: 3 },
  };
}

const line = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

describe("processor Lambda end to end (kinesalite + dynalite)", function () {
  let kinesis: KinesisEmulator;
  let dynamo: DynamoEmulator;
  let fixtureCount = 0;

  before(async () => {
    [kinesis, dynamo] = await Promise.all([startKinesis(), startDynamo()]);
  });
  after(async () => {
    await Promise.all([kinesis.stop(), dynamo.stop()]);
  });

  /** Fresh raw/clean/dead-letter streams and dedup table, plus a handler wired to them. */
  async function fixture(overrides: ProcessorOverrides = {}, env: Record<string, string> = {}) {
    const n = ++fixtureCount;
    const names = { raw: `raw-${n}`, clean: `clean-${n}`, deadLetter: `dead-letter-${n}`, table: `dedup-${n}` };
    await Promise.all([
      kinesis.createStream(names.raw),
      kinesis.createStream(names.clean),
      kinesis.createStream(names.deadLetter),
      createHashKeyTable(dynamo.client, names.table, "pk"),
    ]);
    const logLines: string[] = [];
    const handler = createProcessorHandler(
      {
        CLEAN_STREAM: names.clean,
        DEAD_LETTER_STREAM: names.deadLetter,
        DEDUP_TABLE: names.table,
        DEDUP_WINDOW_MINUTES: String(WINDOW_MINUTES),
        AWS_LAMBDA_FUNCTION_NAME: "processor-test",
        ...env,
      },
      { kinesis: kinesis.client, dynamo: dynamo.client, retry: { baseDelayMs: 1 }, log: (l) => logLines.push(l), ...overrides },
    );
    /** Puts the given lines on the raw stream and returns the Lambda event for exactly those records. */
    const putRaw = (lines: string[]): Promise<KinesisStreamEvent> => putLinesAsLambdaEvent(kinesis.client, names.raw, lines);
    const clean = () => readJsonLines<SilverEvent>(kinesis.client, names.clean);
    const deadLetters = () => readJsonLines<DeadLetterRecord>(kinesis.client, names.deadLetter);
    const dedupItems = async () => (await dynamo.client.send(new ScanCommand({ TableName: names.table }))).Items ?? [];
    return { names, handler, putRaw, clean, deadLetters, dedupItems, logLines };
  }

  it("writes clean events and dead letters, claims keys in the dedup table, emits EMF metrics", async () => {
    const f = await fixture();
    const valid = ["e-1", "e-2", "e-3", "e-4"].map((id, i) => line(gameEvent(id, `u-${i}`)));
    const invalid = ["{not json", "[1,2]", line({ event_id: "e-9", event_type: "x", event_timestamp: Date.now() })];
    const inputs = [...valid, valid[1], ...invalid];
    const event = await f.putRaw(inputs);
    const startedSeconds = Math.floor(Date.now() / 1000);
    const response = await f.handler(event);
    const finishedSeconds = Math.floor(Date.now() / 1000);

    assert.deepEqual(response, { batchItemFailures: [] });
    const clean = await f.clean();
    assert.deepEqual(clean.map((e) => e.event_id).sort(), ["e-1", "e-2", "e-3", "e-4"]);
    assert.deepEqual(clean.map((e) => e.user_id).sort(), ["u-0", "u-1", "u-2", "u-3"]);

    const deadLetters = await f.deadLetters();
    assert.deepEqual(deadLetters.map((d) => d.reason), ["MALFORMED_JSON", "NOT_AN_OBJECT", "MISSING_FIELD"]);
    const invalidRecords = event.Records.slice(valid.length + 1);
    deadLetters.forEach((deadLetter, i) => {
      assert.equal(deadLetter.original_base64, Buffer.from(invalid[i]).toString("base64"));
      assert.deepEqual(deadLetter.source, {
        kind: "kinesis",
        stream: f.names.raw,
        shardId: invalidRecords[i].eventID.split(":")[0],
        sequenceNumber: invalidRecords[i].kinesis.sequenceNumber,
      });
    });

    // One item per distinct valid event, held by the first record carrying it, marked emitted.
    const items = await f.dedupItems();
    assert.equal(items.length, valid.length);
    const firstSources = event.Records.slice(0, valid.length).map(
      (r) => `kinesis:${f.names.raw}/${r.eventID.split(":")[0]}/${r.kinesis.sequenceNumber}`,
    );
    assert.deepEqual(items.map((item) => item.source_id.S).sort(), [...firstSources].sort());
    for (const item of items) {
      assert.equal(item.state.S, "emitted");
      const expiresAt = Number(item.expires_at.N);
      assert.ok(expiresAt >= startedSeconds + WINDOW_MINUTES * 60 && expiresAt <= finishedSeconds + WINDOW_MINUTES * 60);
    }

    const totals = f.logLines.map((l) => JSON.parse(l)).find((doc) => doc._aws && !("Reason" in doc));
    assert.equal(totals[PIPELINE_METRICS.received], inputs.length);
    assert.equal(totals[PIPELINE_METRICS.clean], valid.length);
    assert.equal(totals[PIPELINE_METRICS.duplicate], 1);
    assert.equal(totals[PIPELINE_METRICS.deadLetter], invalid.length);
    assert.equal(totals.FunctionName, "processor-test");
    const byReason = f.logLines.map((l) => JSON.parse(l)).filter((doc) => "Reason" in doc);
    assert.deepEqual(byReason.map((doc) => [doc.Reason, doc[PIPELINE_METRICS.deadLetter]]).sort(), [
      ["MALFORMED_JSON", 1],
      ["MISSING_FIELD", 1],
      ["NOT_AN_OBJECT", 1],
    ]);
  });

  it("a redelivered batch produces no second clean copy; a later duplicate is dropped", async () => {
    const f = await fixture();
    const event = await f.putRaw([line(gameEvent("r-1", "u-1")), line(gameEvent("r-2", "u-2"))]);
    assert.deepEqual(await f.handler(event), { batchItemFailures: [] });
    assert.deepEqual(await f.handler(event), { batchItemFailures: [] });
    assert.deepEqual((await f.clean()).map((e) => e.event_id).sort(), ["r-1", "r-2"]);

    // A different record with a known event_id (a client resend) is a duplicate, r-3 is new.
    const later = await f.putRaw([line(gameEvent("r-1", "u-1")), line(gameEvent("r-3", "u-3"))]);
    assert.deepEqual(await f.handler(later), { batchItemFailures: [] });
    assert.deepEqual((await f.clean()).map((e) => e.event_id).sort(), ["r-1", "r-2", "r-3"]);
  });

  it("a failed clean write is reported, stays pending, and the retry emits it exactly once", async () => {
    let failing = true;
    // Kinesis that rejects the clean record of user u-bad while `failing` (throttling on one shard).
    const flakyKinesis: PutRecordsClient = {
      async send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput> {
        const entries = command.input.Records ?? [];
        const rejected = (pk: string | undefined) => failing && pk === "u-bad";
        const passed = entries.filter((e) => !rejected(e.PartitionKey));
        const output = passed.length
          ? await kinesis.client.send(new PutRecordsCommand({ ...command.input, Records: passed }))
          : { Records: [], $metadata: {} };
        const results = [...(output.Records ?? [])];
        return {
          $metadata: {},
          Records: entries.map((e) =>
            rejected(e.PartitionKey) ? { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "slow down" } : results.shift()!,
          ),
        };
      },
    };
    const f = await fixture({ kinesis: flakyKinesis });
    const event = await f.putRaw([line(gameEvent("p-1", "u-1")), line(gameEvent("p-2", "u-bad")), line(gameEvent("p-3", "u-3"))]);
    const failedSeq = event.Records[1].kinesis.sequenceNumber;

    assert.deepEqual(await f.handler(event), { batchItemFailures: [{ itemIdentifier: failedSeq }] });
    assert.deepEqual((await f.clean()).map((e) => e.event_id).sort(), ["p-1", "p-3"]);
    const states = Object.fromEntries((await f.dedupItems()).map((item) => [item.pk.S, item.state.S]));
    assert.deepEqual(Object.values(states).sort(), ["emitted", "emitted", "pending"]);

    // Lambda redelivers from the lowest reported sequence number onwards.
    failing = false;
    const retry = { Records: event.Records.slice(1) };
    assert.deepEqual(await f.handler(retry), { batchItemFailures: [] });
    assert.deepEqual((await f.clean()).map((e) => e.event_id).sort(), ["p-1", "p-2", "p-3"]);
    assert.ok((await f.dedupItems()).every((item) => item.state.S === "emitted"));
  });

  it("dedup store down mid-batch: those records fail, the retry after restart loses nothing and duplicates nothing", async () => {
    const CLAIMS_BEFORE_OUTAGE = 2;
    const client = dynamo.newClient(1) as DynamoDBClient;
    let putItems = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "PutItemCommand" && ++putItems === CLAIMS_BEFORE_OUTAGE + 1) await dynamo.suspend();
        return next(args);
      },
      { step: "initialize", name: "dynamoOutageAfterTwoClaims" },
    );
    // One claim at a time so "mid-batch" is a precise point.
    const f = await fixture({ dynamo: client }, { DEDUP_CONCURRENCY: "1" });
    const ids = ["o-1", "o-2", "o-3", "o-4", "o-5"];
    const event = await f.putRaw(ids.map((id, i) => line(gameEvent(id, `u-${i}`))));
    try {
      const response = await f.handler(event);
      assert.deepEqual(
        response.batchItemFailures,
        event.Records.slice(CLAIMS_BEFORE_OUTAGE).map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })),
      );
      assert.deepEqual((await f.clean()).map((e) => e.event_id).sort(), ids.slice(0, CLAIMS_BEFORE_OUTAGE));
    } finally {
      await dynamo.resume();
    }
    // The whole batch again (stricter than Lambda, which resumes at the first failure).
    assert.deepEqual(await f.handler(event), { batchItemFailures: [] });
    const clean = (await f.clean()).map((e) => e.event_id).sort();
    assert.deepEqual(clean, ids);
    assert.ok((await f.dedupItems()).every((item) => item.state.S === "emitted"));
    client.destroy();
  });

  it("rejects bad configuration naming the variable, the value and what is allowed", () => {
    assert.throws(
      () => createProcessorHandler({ CLEAN_STREAM: "c", DEAD_LETTER_STREAM: "d", DEDUP_TABLE: "t", DEDUP_WINDOW_MINUTES: "soon" }),
      /DEDUP_WINDOW_MINUTES="soon" is invalid; allowed: a whole number 1\.\.10080/,
    );
    assert.throws(() => createProcessorHandler({ DEAD_LETTER_STREAM: "d", DEDUP_TABLE: "t" }), /CLEAN_STREAM is not set/);
  });
});
