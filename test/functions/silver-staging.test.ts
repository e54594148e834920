import {
  BatchWriteItemCommand,
  ScanCommand,
  type AttributeValue,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
  type DynamoDBClient,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import assert from "node:assert/strict";
import type { CleanEvent, SilverEvent } from "../../functions/core";
import { DynamoDbSilverStore } from "../../functions/processor/dynamo-silver-store";
import { createProcessorHandler } from "../../functions/processor/handler";
import type { KinesisStreamEvent } from "../../functions/processor/kinesis-event";
import { createHashKeyTable, createTable, startDynamo, startKinesis, type DynamoEmulator, type KinesisEmulator } from "../support/emulators";
import { putLinesAsLambdaEvent, readJsonLines } from "./support/kinesis-streams";

function gameEvent(id: string, user: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    event_id: id,
    event_type: "level_start",
    event_timestamp: new Date(Date.now() - 60_000).toISOString(),
    user_id: user,
    session_id: `s-${user}`,
    platform: "iOS",
    parameters: { level_id: 3 },
    ...extra,
  });
}

/** The staging table as components/aws/silver-staging-table.ts declares it: hash `user_id`, range `event_key`. */
function createStagingTable(client: DynamoDBClient, tableName: string): Promise<void> {
  return createTable(client, tableName, { hash: "user_id", range: "event_key" });
}

async function scan(client: DynamoDBClient, tableName: string): Promise<Array<Record<string, AttributeValue>>> {
  return (await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [];
}

type BatchWriteHook = (input: BatchWriteItemCommandInput, send: (input: BatchWriteItemCommandInput) => Promise<BatchWriteItemCommandOutput>) => Promise<BatchWriteItemCommandOutput>;

/** A dynalite client (no SDK retries) whose BatchWriteItem calls go through `hook`; other commands pass. */
function hookedClient(dynamo: DynamoEmulator, hook: BatchWriteHook): DynamoDBClient {
  const client = dynamo.newClient(1);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "BatchWriteItemCommand") return next(args);
      let response: unknown;
      const output = await hook(args.input as BatchWriteItemCommandInput, async (input) => {
        const result = await next({ ...args, input });
        response = result.response;
        return result.output as BatchWriteItemCommandOutput;
      });
      return { output, response } as Awaited<ReturnType<typeof next>>;
    },
    { step: "initialize", name: "batchWriteHook" },
  );
  return client;
}

const requestsOf = (input: BatchWriteItemCommandInput): WriteRequest[] => Object.values(input.RequestItems ?? {}).flat();
const eventIdOf = (request: WriteRequest) => request.PutRequest!.Item!.event_id.S!;

describe("SILVER staging table (processor → dynalite)", function () {
  let kinesis: KinesisEmulator;
  let dynamo: DynamoEmulator;
  let fixtureCount = 0;
  const clients: DynamoDBClient[] = [];

  before(async () => {
    [kinesis, dynamo] = await Promise.all([startKinesis(), startDynamo()]);
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await Promise.all([kinesis.stop(), dynamo.stop()]);
  });

  /** Fresh streams, dedup table and staging table, plus a handler with SILVER_STAGING_TABLE set. */
  async function fixture(hook?: BatchWriteHook, retry: { maxAttempts?: number } = {}) {
    const n = ++fixtureCount;
    const names = { raw: `raw-${n}`, clean: `clean-${n}`, deadLetter: `dead-letter-${n}`, dedup: `dedup-${n}`, staging: `silver-staging-${n}` };
    await Promise.all([
      kinesis.createStream(names.raw),
      kinesis.createStream(names.clean),
      kinesis.createStream(names.deadLetter),
      createHashKeyTable(dynamo.client, names.dedup, "pk"),
      createStagingTable(dynamo.client, names.staging),
    ]);
    const client = hook ? hookedClient(dynamo, hook) : dynamo.newClient(1);
    clients.push(client);
    const sleeps: number[] = [];
    const handler = createProcessorHandler(
      {
        CLEAN_STREAM: names.clean,
        DEAD_LETTER_STREAM: names.deadLetter,
        DEDUP_TABLE: names.dedup,
        SILVER_STAGING_TABLE: names.staging,
        AWS_LAMBDA_FUNCTION_NAME: "processor-staging-test",
      },
      {
        kinesis: kinesis.client,
        dynamo: client,
        retry: { baseDelayMs: 8, maxDelayMs: 1_000, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms), ...retry },
        log: () => {},
      },
    );
    const putRaw = (lines: string[]): Promise<KinesisStreamEvent> => putLinesAsLambdaEvent(kinesis.client, names.raw, lines);
    return {
      names,
      handler,
      putRaw,
      sleeps,
      clean: () => readJsonLines<SilverEvent>(kinesis.client, names.clean),
      staging: () => scan(dynamo.client, names.staging),
      dedupStates: async () => Object.fromEntries((await scan(dynamo.client, names.dedup)).map((item) => [item.pk.S!, item.state.S!])),
    };
  }

  it("stores every clean event as one item with the SILVER envelope's attributes", async () => {
    const f = await fixture();
    const event = await f.putRaw([
      gameEvent("a-1", "u-1", { game_id: "g-1", app_version: "1.2.0", score: 10 }),
      gameEvent("a-2", "u-2"),
      "{not json",
      gameEvent("a-1", "u-1"), // in-batch duplicate: dropped, not staged
    ]);
    assert.deepEqual(await f.handler(event), { batchItemFailures: [] });

    const clean = await f.clean();
    const items = await f.staging();
    assert.equal(items.length, 2);
    const byId = new Map(items.map((item) => [item.event_id.S!, item]));
    for (const e of clean) {
      const expected: Record<string, AttributeValue> = {
        user_id: { S: e.user_id },
        event_key: { S: `${e.event_timestamp}#${e.event_id}` },
        event_id: { S: e.event_id },
        event_type: { S: e.event_type },
        event_timestamp: { S: e.event_timestamp },
        received_at: { S: e.received_at },
        event_date: { S: e.event_date },
        event_hour: { N: String(e.event_hour) },
        parameters: { S: JSON.stringify(e.parameters) },
        dedup_key: { S: e.event_id },
      };
      for (const field of ["session_id", "game_id", "platform", "app_version"] as const) {
        if (e[field] !== null) expected[field] = { S: e[field] as string };
      }
      assert.deepEqual(byId.get(e.event_id), expected);
    }
    // The envelope the clean stream got is the one stored: a-1 kept its extras.
    const a1 = byId.get("a-1")!;
    assert.deepEqual(JSON.parse(a1.parameters.S!), { level_id: 3, score: 10 });
    assert.equal(a1.game_id.S, "g-1");
    assert.equal(a1.platform.S, "ios");
    assert.equal(byId.get("a-2")!.game_id, undefined, "null fields are omitted");
  });

  it("a redelivered batch leaves exactly one item per event", async () => {
    const f = await fixture();
    const event = await f.putRaw(["r-1", "r-2", "r-3"].map((id, i) => gameEvent(id, `u-${i}`)));
    assert.deepEqual(await f.handler(event), { batchItemFailures: [] });
    const first = await f.staging();
    assert.deepEqual(await f.handler(event), { batchItemFailures: [] });
    // A client resend of r-1 (another record, same event) is a dedup duplicate: no second item.
    assert.deepEqual(await f.handler(await f.putRaw([gameEvent("r-1", "u-0")])), { batchItemFailures: [] });
    const after = await f.staging();
    assert.deepEqual(after.map((item) => item.event_id.S).sort(), ["r-1", "r-2", "r-3"]);
    assert.deepEqual(after, first);
  });

  it("BatchWriteItem calls carry at most 25 items: 60 events → 25 + 25 + 10", async () => {
    const sizes: number[] = [];
    const f = await fixture(async (input, send) => {
      sizes.push(requestsOf(input).length);
      return send(input);
    });
    const count = 60;
    const ids = Array.from({ length: count }, (_, i) => `c-${i}`);
    assert.deepEqual(await f.handler(await f.putRaw(ids.map((id, i) => gameEvent(id, `u-${i % 7}`)))), { batchItemFailures: [] });
    assert.deepEqual(sizes.sort((a, b) => b - a), [25, 25, count - 2 * 25]);
    assert.deepEqual((await f.staging()).map((item) => item.event_id.S).sort(), [...ids].sort());
    assert.equal((await f.clean()).length, count);
  });

  it("retries UnprocessedItems after a jittered backoff until every item is written", async () => {
    const calls: string[][] = [];
    let first = true;
    // The first call writes only its first two items and hands the rest back, as a throttled table does.
    const f = await fixture(async (input, send) => {
      const requests = requestsOf(input);
      calls.push(requests.map(eventIdOf));
      if (!first) return send(input);
      first = false;
      const [table] = Object.keys(input.RequestItems!);
      const output = await send({ RequestItems: { [table]: requests.slice(0, 2) } });
      return { ...output, UnprocessedItems: { [table]: requests.slice(2) } };
    });
    const ids = ["u-a", "u-b", "u-c", "u-d", "u-e"];
    const event = await f.putRaw(ids.map((id, i) => gameEvent(id, `user-${i}`)));
    assert.deepEqual(await f.handler(event), { batchItemFailures: [] });

    assert.equal(calls.length, 2);
    assert.deepEqual([...calls[1]].sort(), calls[0].slice(2).sort());
    // One retry: full jitter over min(maxDelay, base·2^0) = 8 ms with random 0.5 → 4 ms.
    assert.deepEqual(f.sleeps, [Math.floor(0.5 * Math.min(1_000, 8 * 2 ** 0))]);
    assert.deepEqual((await f.staging()).map((item) => item.event_id.S).sort(), ids);
    assert.deepEqual((await f.clean()).map((e) => e.event_id).sort(), ids);
    assert.deepEqual(Object.values(await f.dedupStates()), ids.map(() => "emitted"));
  });

  it("a staging write that finally fails is a batch item failure, stays pending, skips clean, and the retry writes it once", async () => {
    let failing = true;
    const MAX_ATTEMPTS = 3;
    // While `failing`, every item of user u-bad comes back unprocessed (a hot partition).
    const f = await fixture(
      async (input, send) => {
        const [table] = Object.keys(input.RequestItems!);
        const requests = requestsOf(input);
        const rejected = requests.filter((r) => failing && r.PutRequest!.Item!.user_id.S === "u-bad");
        const passed = requests.filter((r) => !rejected.includes(r));
        const output = passed.length ? await send({ RequestItems: { [table]: passed } }) : { $metadata: {} };
        return { ...output, UnprocessedItems: rejected.length ? { [table]: rejected } : {} };
      },
      { maxAttempts: MAX_ATTEMPTS },
    );
    const event = await f.putRaw([gameEvent("p-1", "u-1"), gameEvent("p-2", "u-bad"), gameEvent("p-3", "u-3")]);
    const failedSeq = event.Records[1].kinesis.sequenceNumber;

    assert.deepEqual(await f.handler(event), { batchItemFailures: [{ itemIdentifier: failedSeq }] });
    // Tries 1..3, a backoff before tries 2 and 3: floor(0.5·min(1000, 8·2^(k-1))) for k = 1, 2.
    assert.deepEqual(f.sleeps, [1, 2].map((k) => Math.floor(0.5 * Math.min(1_000, 8 * 2 ** (k - 1)))));
    assert.deepEqual((await f.staging()).map((item) => item.event_id.S).sort(), ["p-1", "p-3"]);
    assert.deepEqual((await f.clean()).map((e) => e.event_id).sort(), ["p-1", "p-3"], "not staged → not in clean either");
    assert.deepEqual(await f.dedupStates(), { "p-1": "emitted", "p-2": "pending", "p-3": "emitted" });

    // Lambda redelivers from the lowest reported sequence number onwards.
    failing = false;
    assert.deepEqual(await f.handler({ Records: event.Records.slice(1) }), { batchItemFailures: [] });
    assert.deepEqual((await f.staging()).map((item) => item.event_id.S).sort(), ["p-1", "p-2", "p-3"]);
    assert.deepEqual((await f.clean()).map((e) => e.event_id).sort(), ["p-1", "p-2", "p-3"]);
    assert.deepEqual(await f.dedupStates(), { "p-1": "emitted", "p-2": "emitted", "p-3": "emitted" });
  });

  it("staged but the clean write failed: the retry overwrites the same item and emits once", async () => {
    const f = await fixture();
    const event = await f.putRaw([gameEvent("k-1", "u-1")]);
    // First delivery through a handler whose clean stream does not exist: staged, clean write fails.
    const broken = createProcessorHandler(
      { CLEAN_STREAM: "missing-stream", DEAD_LETTER_STREAM: f.names.deadLetter, DEDUP_TABLE: f.names.dedup, SILVER_STAGING_TABLE: f.names.staging },
      { kinesis: kinesis.client, dynamo: dynamo.client, retry: { maxAttempts: 1 }, log: () => {} },
    );
    assert.deepEqual(await broken(event), { batchItemFailures: [{ itemIdentifier: event.Records[0].kinesis.sequenceNumber }] });
    const staged = await f.staging();
    assert.equal(staged.length, 1);
    assert.deepEqual(await f.dedupStates(), { "k-1": "pending" });

    assert.deepEqual(await f.handler(event), { batchItemFailures: [] });
    assert.deepEqual(await f.staging(), staged);
    assert.deepEqual((await f.clean()).map((e) => e.event_id), ["k-1"]);
    assert.deepEqual(await f.dedupStates(), { "k-1": "emitted" });
  });

  describe("DynamoDbSilverStore on its own", () => {
    const cleanEvent = (id: string, user: string): CleanEvent => ({
      event: {
        event_id: id,
        event_type: "t",
        event_timestamp: "2026-11-22T05:00:00.000Z",
        received_at: "2026-11-22T05:00:01.000Z",
        user_id: user,
        session_id: null,
        game_id: null,
        platform: null,
        app_version: null,
        parameters: {},
        event_date: "2026-11-22",
        event_hour: 5,
      },
      dedupKey: id,
      source: { kind: "file", file: "f", line: 1 },
    });

    it("a missing table fails every item at once, without retries", async () => {
      const sleeps: number[] = [];
      let calls = 0;
      const client = hookedClient(dynamo, async (input, send) => {
        calls++;
        return send(input);
      });
      clients.push(client);
      const store = new DynamoDbSilverStore({ client, tableName: "no-such-table", retry: { sleep: async (ms) => void sleeps.push(ms) } });
      const { failed } = await store.putEvents([cleanEvent("m-1", "u"), cleanEvent("m-2", "u")]);
      assert.deepEqual(failed.map((f) => [f.index, f.errorCode]), [
        [0, "ResourceNotFoundException"],
        [1, "ResourceNotFoundException"],
      ]);
      assert.equal(calls, 1);
      assert.deepEqual(sleeps, []);
    });

    it("throttled calls are retried up to maxAttempts tries, then reported with the error", async () => {
      const n = ++fixtureCount;
      const tableName = `silver-staging-${n}`;
      await createStagingTable(dynamo.client, tableName);
      let calls = 0;
      const failCalls = 2;
      const client = hookedClient(dynamo, async (input, send) => {
        if (++calls <= failCalls) throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
        return send(input);
      });
      clients.push(client);
      const sleeps: number[] = [];
      const retry = { maxAttempts: failCalls, baseDelayMs: 10, random: () => 0.9, sleep: async (ms: number) => void sleeps.push(ms) };
      const gaveUp = await new DynamoDbSilverStore({ client, tableName, retry }).putEvents([cleanEvent("t-1", "u")]);
      assert.deepEqual(gaveUp.failed.map((f) => [f.index, f.errorCode]), [[0, "ThrottlingException"]]);
      assert.deepEqual(sleeps, [Math.floor(0.9 * 10)]);
      // The throttling is over: the next try succeeds.
      const ok = await new DynamoDbSilverStore({ client, tableName, retry }).putEvents([cleanEvent("t-1", "u")]);
      assert.deepEqual(ok.failed, []);
      assert.deepEqual((await scan(dynamo.client, tableName)).map((item) => item.event_id.S), ["t-1"]);
    });
  });
});
