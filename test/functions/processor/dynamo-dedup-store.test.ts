import { ScanCommand } from "@aws-sdk/client-dynamodb";
import assert from "node:assert/strict";
import { DynamoDbDedupStore } from "../../../functions/processor/dynamo-dedup-store";
import { createHashKeyTable, startDynamo, type DynamoEmulator } from "../../support/emulators";

describe("DynamoDbDedupStore (dynalite)", () => {
  const WINDOW_MINUTES = 30;
  const T0 = Date.UTC(2026, 10, 22, 6, 0, 0);
  let dynamo: DynamoEmulator;
  let store: DynamoDbDedupStore;
  let table = 0;

  before(async () => {
    dynamo = await startDynamo();
  });
  after(() => dynamo.stop());
  beforeEach(async () => {
    const tableName = `dedup-store-${++table}`;
    await createHashKeyTable(dynamo.client, tableName, "pk");
    store = new DynamoDbDedupStore({ client: dynamo.client, tableName, windowMinutes: WINDOW_MINUTES });
  });

  it("first claim, duplicate from another record, redelivery of the same record with its state", async () => {
    assert.deepEqual(await store.claim([{ key: "k1", sourceId: "A" }], T0), ["first"]);
    assert.deepEqual(await store.claim([{ key: "k1", sourceId: "B" }], T0 + 60_000), ["duplicate"]);
    assert.deepEqual(await store.claimDetailed([{ key: "k1", sourceId: "A" }], T0 + 60_000), [{ result: "redelivery", state: "pending" }]);
    assert.deepEqual(await store.markEmitted([{ key: "k1", sourceId: "A" }]), [true]);
    assert.deepEqual(await store.claimDetailed([{ key: "k1", sourceId: "A" }], T0 + 120_000), [{ result: "redelivery", state: "emitted" }]);
  });

  it("stores source_id, state and expires_at = claim time + window in epoch seconds", async () => {
    await store.claim([{ key: "k2", sourceId: "kinesis:raw/shardId-0/1" }], T0 + 999);
    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: `dedup-store-${table}` }));
    assert.deepEqual(Items, [
      {
        pk: { S: "k2" },
        source_id: { S: "kinesis:raw/shardId-0/1" },
        state: { S: "pending" },
        expires_at: { N: String(Math.floor((T0 + 999) / 1000) + WINDOW_MINUTES * 60) },
      },
    ]);
  });

  it("treats an expired key as absent before the TTL sweep deletes it", async () => {
    await store.claim([{ key: "k3", sourceId: "A" }], T0);
    const expiresAtMs = T0 + WINDOW_MINUTES * 60_000;
    // At the expiry second the key still holds; one second later it is free for another record.
    assert.deepEqual(await store.claim([{ key: "k3", sourceId: "B" }], expiresAtMs), ["duplicate"]);
    assert.deepEqual(await store.claim([{ key: "k3", sourceId: "B" }], expiresAtMs + 1_000), ["first"]);
    // Now B holds it: A is a duplicate, B is recognised as itself.
    assert.deepEqual(await store.claim([{ key: "k3", sourceId: "A" }], expiresAtMs + 2_000), ["duplicate"]);
    assert.deepEqual(await store.claim([{ key: "k3", sourceId: "B" }], expiresAtMs + 2_000), ["redelivery"]);
  });

  it("answers error (never first) per entry while the table is unreachable", async () => {
    const client = dynamo.newClient(1);
    const outageStore = new DynamoDbDedupStore({ client, tableName: `dedup-store-${table}`, windowMinutes: WINDOW_MINUTES });
    await dynamo.suspend();
    try {
      assert.deepEqual(await outageStore.claim([{ key: "a", sourceId: "1" }, { key: "b", sourceId: "2" }], T0), ["error", "error"]);
      assert.deepEqual(await outageStore.markEmitted([{ key: "a", sourceId: "1" }]), [false]);
    } finally {
      await dynamo.resume();
      client.destroy();
    }
  });

  it("rejects a window that is not a whole number of minutes ≥ 1", () => {
    assert.throws(() => new DynamoDbDedupStore({ client: dynamo.client, tableName: "t", windowMinutes: 0 }), /windowMinutes/);
  });
});
