/** The ingest function's deployable directory and its key store adapter. */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashApiKey, generateApiKey } from "../../functions/authorizer/api-key";
import { checkApiKey } from "../../functions/gcp-ingest/api-key-check";
import { buildIngestSource, installedVersion, RUNTIME_PACKAGES } from "../../functions/gcp-ingest/build-source";
import { firestoreApiKeyLookup } from "../../functions/gcp-ingest/firestore-api-keys";

describe("gcp: ingest function source and key store", () => {
  it("bundles our code into index.js, leaving exactly the pinned runtime packages for Cloud Build to install", () => {
    const dir = mkdtempSync(join(tmpdir(), "gcp-ingest-"));
    try {
      buildIngestSource(dir);
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      assert.equal(pkg.main, "index.js");
      assert.deepEqual(pkg.dependencies, Object.fromEntries(RUNTIME_PACKAGES.map((p) => [p, installedVersion(p)])));
      const bundle = readFileSync(join(dir, "index.js"), "utf8");
      const required = [...new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]).filter((m) => !m.startsWith("node:")))].sort();
      assert.deepEqual(required, [...RUNTIME_PACKAGES].sort());
      assert.match(bundle, /ingest: \(\) => ingest/, "exports the entry point `ingest`");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads keys from Firestore by hash (document id) and honours disabled and revoked keys", async () => {
    const key = generateApiKey();
    const docs: Record<string, Record<string, unknown>> = {
      [hashApiKey(key)]: { game_id: "game-1", enabled: true, created_at: "2026-01-01", label: "a" },
    };
    const asked: string[] = [];
    const db = {
      collection: (name: string) => ({
        doc: (id: string) => ({
          get: async () => {
            asked.push(`${name}/${id}`);
            return { exists: id in docs, data: () => docs[id] };
          },
        }),
      }),
    };
    const lookup = firestoreApiKeyLookup(db as never, "api_keys");
    assert.deepEqual(await checkApiKey({ "x-api-key": key }, lookup), { ok: true, gameId: "game-1", keyId: hashApiKey(key).slice(0, 16) });
    assert.deepEqual(asked, [`api_keys/${hashApiKey(key)}`], "one get by the hash; the key itself never leaves the function");
    docs[hashApiKey(key)].revoked_at = "2026-02-01";
    assert.equal((await checkApiKey({ "x-api-key": key }, lookup) as { reason: string }).reason, "revoked");
    docs[hashApiKey(key)] = { game_id: "game-1", enabled: false };
    assert.equal((await checkApiKey({ "x-api-key": key }, lookup) as { reason: string }).reason, "disabled");
  });
});
