import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  API_KEY_BODY_CHARS,
  API_KEY_PREFIX,
  authorize,
  extractApiKey,
  generateApiKey,
  hashApiKey,
  ingestMethodArn,
  isWellFormedApiKey,
  keyIdOf,
  putApiKey,
  revokeApiKey,
  type ApiKeyItem,
  type AuthorizerResult,
  type RequestAuthorizerEvent,
} from "../../../functions/authorizer";
import { handler } from "../../../functions/authorizer/handler";
import { createHashKeyTable, startDynamo, type DynamoEmulator } from "../../support/emulators";

const API = "arn:aws:execute-api:eu-west-1:123456789012:abc123def4";
const POST_EVENTS = `${API}/prod/POST/v1/events`;

function requestEvent(headers: Record<string, string | undefined> | null, methodArn = POST_EVENTS): RequestAuthorizerEvent {
  return { type: "REQUEST", methodArn, headers, requestContext: { requestId: "req-1" } };
}

function effect(result: AuthorizerResult): string {
  assert.equal(result.policyDocument.Statement.length, 1);
  return result.policyDocument.Statement[0].Effect;
}

describe("authorizer: pure parts", () => {
  it("generates tk_ + 43 base64url characters from 32 random bytes", () => {
    const key = generateApiKey(() => Buffer.alloc(32, 0xff));
    assert.equal(key, API_KEY_PREFIX + Buffer.alloc(32, 0xff).toString("base64url"));
    assert.equal(API_KEY_BODY_CHARS, 43);
    assert.equal(key.length, 3 + 43);
    assert.ok(isWellFormedApiKey(generateApiKey()));
    assert.notEqual(generateApiKey(), generateApiKey());
  });

  it("rejects malformed keys: prefix, length, charset", () => {
    const good = generateApiKey();
    assert.ok(isWellFormedApiKey(good));
    assert.ok(!isWellFormedApiKey("xx_" + good.slice(3)));
    assert.ok(!isWellFormedApiKey(good.slice(0, -1)));
    assert.ok(!isWellFormedApiKey(good + "A"));
    assert.ok(!isWellFormedApiKey(good.slice(0, -1) + "+"));
    assert.ok(!isWellFormedApiKey(""));
  });

  it("hashes with SHA-256 hex and uses a hash prefix as key id", () => {
    const key = generateApiKey();
    const expected = createHash("sha256").update(key).digest("hex");
    assert.equal(hashApiKey(key), expected);
    assert.equal(keyIdOf(expected), expected.slice(0, 16));
  });

  it("extracts the key from Authorization (ApiKey/Bearer/raw) or x-api-key, case-insensitively", () => {
    assert.equal(extractApiKey({ headers: { Authorization: "ApiKey k1" } }), "k1");
    assert.equal(extractApiKey({ headers: { authorization: "bearer   k2 " } }), "k2");
    assert.equal(extractApiKey({ headers: { AUTHORIZATION: "k3" } }), "k3");
    assert.equal(extractApiKey({ headers: { "X-Api-Key": "k4" } }), "k4");
    assert.equal(extractApiKey({ headers: null, multiValueHeaders: { "x-api-key": ["k5", "other"] } }), "k5");
    assert.equal(extractApiKey({ headers: { Authorization: "ApiKey k6", "x-api-key": "k7" } }), "k6");
    assert.equal(extractApiKey({ headers: { Authorization: "AWS4-HMAC-SHA256 Credential=x" } }), "AWS4-HMAC-SHA256 Credential=x");
    assert.equal(extractApiKey({ headers: { "x-api-key": "  " } }), undefined);
    assert.equal(extractApiKey({ headers: null }), undefined);
  });

  it("derives POST /v1/events of the same API and stage from any method ARN", () => {
    assert.equal(ingestMethodArn(`${API}/staging/GET/v1/other`), `${API}/staging/POST/v1/events`);
    assert.throws(() => ingestMethodArn("arn:aws:lambda:eu-west-1:123456789012:function:f"), /not an execute-api method ARN/);
  });

  it("rejects malformed keys before any lookup", async () => {
    let lookups = 0;
    const deps = { lookup: async () => ((lookups += 1), undefined), log: () => {} };
    for (const headers of [null, { Authorization: "ApiKey nope" }, { "x-api-key": "tk_short" }]) {
      assert.equal(effect(await authorize(requestEvent(headers), deps)), "Deny");
    }
    assert.equal(lookups, 0);
  });
});

describe("authorizer against a real DynamoDB table (dynalite)", () => {
  const TABLE = "api-keys-test";
  let dynamo: DynamoEmulator;
  const saved: Record<string, string | undefined> = {};
  const envVars = {
    API_KEYS_TABLE: TABLE,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_MAX_ATTEMPTS: "1",
  };
  const keys: Record<"enabled" | "disabled" | "revoked", string> = { enabled: "", disabled: "", revoked: "" };
  // The handler logs one JSON line per decision; keep the test output readable.
  const consoleLog = console.log;

  async function store(key: string, enabled: boolean, game: string): Promise<void> {
    const item: ApiKeyItem = { key_hash: hashApiKey(key), game_id: game, enabled, created_at: new Date().toISOString(), label: "t" };
    await putApiKey(dynamo.client, TABLE, item);
  }

  before(async () => {
    console.log = () => {};
    dynamo = await startDynamo();
    await createHashKeyTable(dynamo.client, TABLE, "key_hash");
    for (const [name, value] of Object.entries({ ...envVars, AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint })) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    keys.enabled = generateApiKey();
    keys.disabled = generateApiKey();
    keys.revoked = generateApiKey();
    await store(keys.enabled, true, "game-a");
    await store(keys.disabled, false, "game-b");
    await store(keys.revoked, true, "game-c");
    await revokeApiKey(dynamo.client, TABLE, keyIdOf(hashApiKey(keys.revoked)), new Date().toISOString());
  });

  after(async () => {
    console.log = consoleLog;
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await dynamo.stop();
  });

  it("allows only POST /v1/events and passes game id and key id", async () => {
    for (const headers of [
      { Authorization: `ApiKey ${keys.enabled}` },
      { authorization: `Bearer ${keys.enabled}` },
      { Authorization: keys.enabled },
      { "X-API-KEY": keys.enabled },
    ]) {
      const result = await handler(requestEvent(headers, `${API}/prod/POST/v1/events`));
      assert.deepEqual(result.policyDocument.Statement, [
        { Action: "execute-api:Invoke", Effect: "Allow", Resource: `${API}/prod/POST/v1/events` },
      ]);
      const keyId = hashApiKey(keys.enabled).slice(0, 16);
      assert.deepEqual(result.context, { gameId: "game-a", keyId });
      assert.equal(result.principalId, keyId);
    }
  });

  it("denies missing, malformed, unknown, disabled and revoked keys", async () => {
    const cases: Array<Record<string, string> | null> = [
      null,
      { Authorization: "ApiKey " + keys.enabled.slice(0, -2) },
      { "x-api-key": generateApiKey() },
      { "x-api-key": keys.disabled },
      { "x-api-key": keys.revoked },
    ];
    for (const headers of cases) {
      const result = await handler(requestEvent(headers));
      assert.equal(effect(result), "Deny", JSON.stringify(headers));
      assert.equal(result.policyDocument.Statement[0].Resource, POST_EVENTS);
      assert.equal(result.context, undefined);
    }
  });

  it("throws (→ 500) instead of deciding when DynamoDB is unreachable", async () => {
    await dynamo.suspend();
    try {
      await assert.rejects(handler(requestEvent({ "x-api-key": keys.enabled })));
    } finally {
      await dynamo.resume();
    }
    assert.equal(effect(await handler(requestEvent({ "x-api-key": keys.enabled }))), "Allow");
  });
});
