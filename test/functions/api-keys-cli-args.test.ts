/**
 * `npm run api-keys` usage errors: exit 2, a message naming the flag (and the bad value), and no
 * client of any backend built. Also: DynamoDB stays the default backend.
 */
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import assert from "node:assert/strict";
import { EXIT, runApiKeysCli, type ApiKeysCliIo } from "../../scripts/api-keys";
import { parseApiKeysArgs } from "../../scripts/api-keys/cli-args";

const FIRESTORE = ["--backend", "firestore", "--project", "telemetry-prod", "--database", "tlm-prod-keys"];

describe("npm run api-keys: arguments and backend choice", () => {
  const err: string[] = [];
  const built: string[] = [];
  const io: ApiKeysCliIo = {
    out: () => undefined,
    err: (l) => err.push(l),
    now: () => new Date("2026-11-22T06:00:00.000Z"),
    client: () => {
      built.push("dynamodb");
      throw new Error("no DynamoDB client on bad usage");
    },
    firestore: () => {
      built.push("firestore");
      throw new Error("no Firestore client on bad usage");
    },
  };
  let savedDatabase: string | undefined;
  beforeEach(() => {
    err.length = 0;
    built.length = 0;
    savedDatabase = process.env.API_KEYS_DATABASE;
    delete process.env.API_KEYS_DATABASE;
  });
  afterEach(() => {
    if (savedDatabase !== undefined) process.env.API_KEYS_DATABASE = savedDatabase;
  });

  const cases: [string, string[], RegExp][] = [
    ["firestore without --project", ["list", "--backend", "firestore", "--database", "tlm-prod-keys"], /--backend firestore needs --project <gcp-project-id>/],
    ["firestore without --database or $API_KEYS_DATABASE", ["list", "--backend", "firestore", "--project", "telemetry-prod"], /--backend firestore needs --database <id> \(or set API_KEYS_DATABASE\)/],
    ["an unknown backend", ["list", "--backend", "mongo", "--table", "t"], /--backend must be one of dynamodb, firestore \(got "mongo"\)/],
    ["--backend without a value", ["list", "--backend"], /--backend/],
    ["a malformed project id", ["list", "--backend", "firestore", "--project", "Bad_Project", "--database", "tlm-prod-keys"], /--project must match .* \(got "Bad_Project"\)/],
    ["a malformed database id", ["list", "--backend", "firestore", "--project", "telemetry-prod", "--database", "Keys"], /--database must match .* \(got "Keys"\)/],
    ["--table with firestore", ["list", ...FIRESTORE, "--table", "t"], /--table applies only to --backend dynamodb \(got --backend firestore\)/],
    ["--endpoint with firestore", ["list", ...FIRESTORE, "--endpoint", "http://localhost:4567"], /--endpoint applies only to --backend dynamodb/],
    ["--project with the default backend", ["list", "--table", "t", "--project", "telemetry-prod"], /--project applies only to --backend firestore \(got --backend dynamodb\)/],
    ["--database with explicit dynamodb", ["list", "--backend", "dynamodb", "--table", "t", "--database", "tlm-prod-keys"], /--database applies only to --backend firestore/],
    ["create without --game", ["create", ...FIRESTORE], /create needs --game <id>/],
    ["revoke without a key id", ["revoke", ...FIRESTORE], /revoke needs exactly one <keyId>/],
  ];
  for (const [what, argv, message] of cases) {
    it(`exits 2 for ${what}, naming it, before building any client`, async () => {
      assert.equal(await runApiKeysCli(argv, io), EXIT.usage);
      assert.equal(err.length, 1);
      assert.match(err[0].split("\n")[0], message, "the first line names the flag");
      assert.match(err[0], /usage: npm run api-keys/);
      assert.deepEqual(built, []);
    });
  }

  it("parses the firestore backend, taking the database from $API_KEYS_DATABASE when --database is absent", () => {
    assert.deepEqual(parseApiKeysArgs(["revoke", "ab12", "--backend", "firestore", "--project", "telemetry-prod"], { API_KEYS_DATABASE: "tlm-prod-keys" }), {
      ok: true,
      command: { name: "revoke", keyId: "ab12" },
      backend: { kind: "firestore", projectId: "telemetry-prod", databaseId: "tlm-prod-keys" },
    });
    // An explicit flag wins over the environment.
    const parsed = parseApiKeysArgs(["list", ...FIRESTORE], { API_KEYS_DATABASE: "tlm-other-keys" });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.backend, { kind: "firestore", projectId: "telemetry-prod", databaseId: "tlm-prod-keys" });
  });

  it("keeps DynamoDB the default backend: list scans the table and never builds a Firestore client", async () => {
    const sent: unknown[] = [];
    let clientArgs: unknown[] = [];
    const dynamoIo: ApiKeysCliIo = {
      ...io,
      client: (endpoint, region) => {
        clientArgs = [endpoint, region];
        return { send: async (command: unknown) => (sent.push(command), { Items: [] }) } as unknown as ReturnType<ApiKeysCliIo["client"]>;
      },
    };
    assert.equal(await runApiKeysCli(["list", "--table", "keys-t", "--region", "eu-west-1"], dynamoIo), EXIT.ok, err.join("\n"));
    assert.deepEqual(clientArgs, [undefined, "eu-west-1"]);
    assert.equal(sent.length, 1);
    assert.ok(sent[0] instanceof ScanCommand);
    assert.equal((sent[0] as ScanCommand).input.TableName, "keys-t");
    assert.deepEqual(built, [], "no Firestore client");
    assert.deepEqual(parseApiKeysArgs(["list", "--backend", "dynamodb", "--table", "keys-t"], {}), parseApiKeysArgs(["list", "--table", "keys-t"], {}));
  });
});
