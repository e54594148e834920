import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import assert from "node:assert/strict";
import { hashApiKey, isWellFormedApiKey } from "../../../functions/authorizer/api-key";
import { EXIT, runApiKeysCli, type ApiKeysCliIo } from "../../../scripts/api-keys";
import { createHashKeyTable, startDynamo, type DynamoEmulator } from "../../support/emulators";

describe("npm run api-keys (dynalite)", () => {
  const TABLE = "api-keys-cli";
  let dynamo: DynamoEmulator;
  const out: string[] = [];
  const err: string[] = [];
  const io: ApiKeysCliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => new Date("2026-11-22T06:00:00.000Z"),
    client: (endpoint, region) =>
      new DynamoDBClient({ endpoint, region: region ?? "us-east-1", credentials: { accessKeyId: "t", secretAccessKey: "t" } }),
  };
  const run = (...args: string[]) => runApiKeysCli([...args, "--table", TABLE, "--endpoint", dynamo.endpoint], io);

  before(async () => {
    dynamo = await startDynamo();
    await createHashKeyTable(dynamo.client, TABLE, "key_hash");
  });
  after(() => dynamo.stop());
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
  });

  it("create prints the key once and stores only its hash; list never shows keys; revoke disables", async () => {
    assert.equal(await run("create", "--game", "puzzle-1", "--label", "ios client"), EXIT.ok);
    const created = JSON.parse(out[0]);
    assert.ok(isWellFormedApiKey(created.apiKey));
    assert.equal(created.keyId, hashApiKey(created.apiKey).slice(0, 16));
    assert.match(err[0], /shown only once/);

    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: TABLE }));
    assert.equal(Items.length, 1);
    assert.equal(Items[0].key_hash.S, hashApiKey(created.apiKey));
    assert.ok(!JSON.stringify(Items).includes(created.apiKey), "the key itself is not stored");

    assert.equal(await run("create", "--game", "puzzle-2"), EXIT.ok);
    out.length = 0;
    assert.equal(await run("list"), EXIT.ok);
    assert.equal(out.length, 2);
    assert.ok(out.every((line) => !line.includes("tk_")), "list shows no key");
    assert.deepEqual(out.map((l) => JSON.parse(l).gameId).sort(), ["puzzle-1", "puzzle-2"]);

    out.length = 0;
    assert.equal(await run("revoke", created.keyId), EXIT.ok);
    assert.deepEqual(JSON.parse(out[0]), { keyId: created.keyId, gameId: "puzzle-1", enabled: false, revokedAt: "2026-11-22T06:00:00.000Z" });
    out.length = 0;
    await run("list");
    const listed = out.map((l) => JSON.parse(l)).find((k) => k.keyId === created.keyId);
    assert.equal(listed.enabled, false);
    assert.equal(listed.revokedAt, "2026-11-22T06:00:00.000Z");
  });

  it("fails (exit 1) for an unknown key id and exits 2 on bad usage", async () => {
    assert.equal(await run("revoke", "0000000000000000"), EXIT.failed);
    assert.match(err.pop()!, /no API key with id "0000000000000000"/);
    assert.equal(await run("create"), EXIT.usage);
    assert.match(err.pop()!, /create needs --game/);
    assert.equal(await run("create", "--game", "bad game!"), EXIT.usage);
    assert.equal(await run("rotate"), EXIT.usage);
    assert.match(err.pop()!, /unknown command "rotate"; allowed: create, list, revoke/);
    const savedTable = process.env.API_KEYS_TABLE;
    delete process.env.API_KEYS_TABLE;
    try {
      assert.equal(await runApiKeysCli(["list"], io), EXIT.usage);
      assert.match(err.pop()!, /--table is required \(or set API_KEYS_TABLE\)/);
    } finally {
      if (savedTable !== undefined) process.env.API_KEYS_TABLE = savedTable;
    }
  });
});
