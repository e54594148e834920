/**
 * The Firestore key store (GCP stacks) against an in-memory fake of the Firestore calls it and the
 * ingest function make. The point of every round trip: a key created by `npm run api-keys -- …
 * --backend firestore` is judged by the GCP ingest function's own key check (checkApiKey +
 * firestoreApiKeyLookup) reading the same fake — allowed while active, denied once revoked.
 */
import type { Firestore } from "@google-cloud/firestore";
import assert from "node:assert/strict";
import { generateApiKey, hashApiKey, keyIdOf } from "../../functions/authorizer/api-key";
import type { ApiKeyItem } from "../../functions/authorizer/api-key-table";
import { checkApiKey } from "../../functions/gcp-ingest/api-key-check";
import { firestoreApiKeyLookup } from "../../functions/gcp-ingest/firestore-api-keys";
import { API_KEYS_COLLECTION } from "../../functions/gcp-ingest/firestore-api-keys";
import { EXIT, runApiKeysCli, type ApiKeysCliIo } from "../../scripts/api-keys";
import { firestoreApiKeyStore } from "../../scripts/api-keys/firestore-store";

type Data = Record<string, unknown>;

/** gRPC status codes Firestore puts on its errors' `code` (GrpcStatus.NOT_FOUND / ALREADY_EXISTS). */
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

function firestoreError(code: number, message: string): Error {
  return Object.assign(new Error(`${code} ${message}`), { code });
}

/**
 * Firestore's semantics for the calls used: create() refuses an existing id, update() refuses a
 * missing one, undefined field values are rejected (as without ignoreUndefinedProperties),
 * select() returns only the named fields, reads return copies.
 */
class FakeFirestore {
  readonly collections = new Map<string, Map<string, Data>>();

  private docsOf(name: string): Map<string, Data> {
    let docs = this.collections.get(name);
    if (!docs) this.collections.set(name, (docs = new Map()));
    return docs;
  }

  collection(name: string) {
    const docs = () => this.docsOf(name);
    const snapshot = (id: string, data: Data | undefined) => ({ id, exists: data !== undefined, data: () => (data === undefined ? undefined : structuredClone(data)) });
    const checkValues = (data: Data) => {
      for (const [field, value] of Object.entries(data)) {
        if (value === undefined) throw new Error(`Cannot use "undefined" as a Firestore value (found in field "${field}")`);
      }
    };
    return {
      doc: (id: string) => ({
        get: async () => snapshot(id, docs().get(id)),
        create: async (data: Data) => {
          checkValues(data);
          if (docs().has(id)) throw firestoreError(ALREADY_EXISTS, `ALREADY_EXISTS: Document already exists: ${name}/${id}`);
          docs().set(id, structuredClone(data));
        },
        update: async (data: Data) => {
          checkValues(data);
          const current = docs().get(id);
          if (!current) throw firestoreError(NOT_FOUND, `NOT_FOUND: No document to update: ${name}/${id}`);
          docs().set(id, { ...current, ...structuredClone(data) });
        },
      }),
      select: (...fields: string[]) => ({
        get: async () => ({
          docs: [...docs()].map(([id, data]) => snapshot(id, Object.fromEntries(fields.filter((f) => f in data).map((f) => [f, data[f]])))),
        }),
      }),
    };
  }
}

/** The fake implements only the calls the store and the ingest lookup make; any other call fails loudly. */
const asFirestore = (fake: FakeFirestore) => fake as unknown as Pick<Firestore, "collection">;

const PROJECT = "telemetry-prod";
const DATABASE = "tlm-prod-keys";
const START_MS = Date.UTC(2026, 10, 22, 6, 0, 0);
const MINUTE_MS = 60_000;
const minuteIso = (n: number) => new Date(START_MS + n * MINUTE_MS).toISOString();

describe("npm run api-keys --backend firestore (fake Firestore, judged by the GCP ingest key check)", () => {
  let fake: FakeFirestore;
  let tick: number;
  let opened: [string, string][];
  const out: string[] = [];
  const err: string[] = [];
  const io: ApiKeysCliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    // Each call is one minute after the previous one, so creation order is visible in `list`.
    now: () => new Date(START_MS + tick++ * MINUTE_MS),
    client: () => {
      throw new Error("the DynamoDB client must not be built for --backend firestore");
    },
    firestore: (projectId, databaseId) => {
      opened.push([projectId, databaseId]);
      return asFirestore(fake);
    },
  };
  const cli = (...args: string[]) => runApiKeysCli([...args, "--backend", "firestore", "--project", PROJECT, "--database", DATABASE], io);
  const lastJson = () => JSON.parse(out[out.length - 1]);
  const ingestCheck = (apiKey: string) => checkApiKey({ authorization: `ApiKey ${apiKey}` }, firestoreApiKeyLookup(asFirestore(fake), API_KEYS_COLLECTION));

  beforeEach(() => {
    fake = new FakeFirestore();
    tick = 0;
    opened = [];
    out.length = 0;
    err.length = 0;
  });

  it("create stores the ingest function's document under the key's SHA-256; the ingest check allows it; revoke makes it deny", async () => {
    assert.equal(await cli("create", "--game", "puzzle-1", "--label", "ios client"), EXIT.ok, err.join("\n"));
    const created = lastJson();
    const hash = hashApiKey(created.apiKey);
    assert.deepEqual(opened, [[PROJECT, DATABASE]]);
    assert.equal(created.keyId, hash.slice(0, 16));
    assert.match(err[0], /shown only once/);

    // Exactly one document, in the collection the component gives the function, id = SHA-256 of the key.
    assert.deepEqual([...fake.collections.keys()], [API_KEYS_COLLECTION]);
    const docs = fake.collections.get(API_KEYS_COLLECTION)!;
    assert.deepEqual([...docs.keys()], [hash]);
    assert.deepEqual(docs.get(hash), { game_id: "puzzle-1", enabled: true, created_at: minuteIso(0), label: "ios client" });
    assert.ok(!JSON.stringify([...docs]).includes(created.apiKey), "the key itself is not stored");

    assert.deepEqual(await ingestCheck(created.apiKey), { ok: true, gameId: "puzzle-1", keyId: created.keyId });

    assert.equal(await cli("revoke", created.keyId), EXIT.ok, err.join("\n"));
    assert.deepEqual(lastJson(), { keyId: created.keyId, gameId: "puzzle-1", enabled: false, revokedAt: minuteIso(1) });
    assert.deepEqual(docs.get(hash), { game_id: "puzzle-1", enabled: false, created_at: minuteIso(0), label: "ios client", revoked_at: minuteIso(1) });
    assert.deepEqual(await ingestCheck(created.apiKey), { ok: false, status: 403, reason: "revoked", keyId: created.keyId });
  });

  it("list shows every key oldest first, as the ingest check sees it, and never a key", async () => {
    await cli("create", "--game", "game-a"); // minute 0
    const a = lastJson();
    await cli("create", "--game", "game-b", "--label", "web"); // minute 1
    const b = lastJson();
    await cli("revoke", a.keyId); // minute 2
    // A document written by hand with a non-boolean `enabled`: the ingest check treats it as disabled,
    // so list must show it disabled too.
    const handKey = generateApiKey();
    fake.collections.get(API_KEYS_COLLECTION)!.set(hashApiKey(handKey), { game_id: "game-c", enabled: "yes", created_at: minuteIso(3), label: "by hand" });

    out.length = 0;
    assert.equal(await cli("list"), EXIT.ok, err.join("\n"));
    assert.ok(out.every((line) => !line.includes("tk_")), "list shows no key");
    assert.deepEqual(
      out.map((line) => JSON.parse(line)),
      [
        { keyId: a.keyId, gameId: "game-a", label: "", enabled: false, createdAt: minuteIso(0), revokedAt: minuteIso(2) },
        { keyId: b.keyId, gameId: "game-b", label: "web", enabled: true, createdAt: minuteIso(1) },
        { keyId: keyIdOf(hashApiKey(handKey)), gameId: "game-c", label: "by hand", enabled: false, createdAt: minuteIso(3) },
      ],
    );
    assert.deepEqual(await ingestCheck(a.apiKey), { ok: false, status: 403, reason: "revoked", keyId: a.keyId });
    assert.deepEqual(await ingestCheck(b.apiKey), { ok: true, gameId: "game-b", keyId: b.keyId });
    assert.deepEqual(await ingestCheck(handKey), { ok: false, status: 403, reason: "disabled", keyId: keyIdOf(hashApiKey(handKey)) });
  });

  it("the database defaults to $API_KEYS_DATABASE and an unknown key id fails with exit 1", async () => {
    const saved = process.env.API_KEYS_DATABASE;
    process.env.API_KEYS_DATABASE = "tlm-staging-keys";
    try {
      assert.equal(await runApiKeysCli(["revoke", "0123456789abcdef", "--backend", "firestore", "--project", PROJECT], io), EXIT.failed);
    } finally {
      if (saved === undefined) delete process.env.API_KEYS_DATABASE;
      else process.env.API_KEYS_DATABASE = saved;
    }
    assert.deepEqual(opened, [[PROJECT, "tlm-staging-keys"]]);
    assert.match(err.pop()!, /api-keys revoke failed: no API key with id "0123456789abcdef"/);
  });

  describe("store", () => {
    const item = (keyHash: string, overrides: Partial<ApiKeyItem> = {}): ApiKeyItem => ({
      key_hash: keyHash,
      game_id: "game-7",
      enabled: true,
      created_at: minuteIso(0),
      label: "first",
      ...overrides,
    });

    it("put never overwrites an existing hash and rejects a bad game id before writing", async () => {
      const store = firestoreApiKeyStore(asFirestore(fake), API_KEYS_COLLECTION);
      const hash = hashApiKey(generateApiKey());
      await store.put(item(hash));
      await assert.rejects(store.put(item(hash, { label: "second", game_id: "other" })), (error: { code?: number }) => error.code === ALREADY_EXISTS);
      assert.deepEqual(fake.collections.get(API_KEYS_COLLECTION)!.get(hash), { game_id: "game-7", enabled: true, created_at: minuteIso(0), label: "first" });

      const badHash = hashApiKey(generateApiKey());
      await assert.rejects(store.put(item(badHash, { game_id: "bad game!" })), RangeError);
      assert.equal(fake.collections.get(API_KEYS_COLLECTION)!.has(badHash), false);
    });

    it("revoke refuses unknown and ambiguous ids without touching any document, and revokes a unique id", async () => {
      const store = firestoreApiKeyStore(asFirestore(fake), API_KEYS_COLLECTION);
      // Two hashes sharing the prefix "ab12": that prefix names neither key alone.
      const first = "ab12" + "0".repeat(60);
      const second = "ab12" + "f".repeat(60);
      await store.put(item(first));
      await store.put(item(second, { created_at: minuteIso(1) }));
      const before = structuredClone([...fake.collections.get(API_KEYS_COLLECTION)!]);

      await assert.rejects(store.revoke("AB12", minuteIso(5)), new RegExp(`key id "AB12" is ambiguous: ${keyIdOf(first)}, ${keyIdOf(second)}`));
      await assert.rejects(store.revoke("", minuteIso(5)), /no API key with id ""/);
      await assert.rejects(store.revoke("cd", minuteIso(5)), /no API key with id "cd"/);
      assert.deepEqual([...fake.collections.get(API_KEYS_COLLECTION)!], before);

      assert.deepEqual(await store.revoke(keyIdOf(second), minuteIso(5)), { ...item(second, { created_at: minuteIso(1) }), enabled: false, revoked_at: minuteIso(5) });
      const docs = fake.collections.get(API_KEYS_COLLECTION)!;
      assert.deepEqual(docs.get(first), before[0][1], "the other key is untouched");
      assert.deepEqual(docs.get(second), { game_id: "game-7", enabled: false, created_at: minuteIso(1), label: "first", revoked_at: minuteIso(5) });
    });
  });
});
