/**
 * The GCP key store: the ingest function's Firestore database. One document per key, id = the key's
 * SHA-256 (hex), fields = the authorizer's ApiKeyItem without `key_hash` — exactly what
 * `functions/gcp-ingest/firestore-api-keys.ts` reads. Reads go through that same lookup, so `list`
 * reports each key the way the ingest function will judge it.
 */
import type { Firestore } from "@google-cloud/firestore";
import { findApiKeyById, orderApiKeys } from "../../functions/authorizer/api-key-selection";
import { assertValidGameId, type ApiKeyItem } from "../../functions/authorizer/api-key-table";
import { firestoreApiKeyLookup } from "../../functions/gcp-ingest/firestore-api-keys";
import type { ApiKeyStore } from "./api-key-store";

/** A key's document: the item minus its hash, which is the document id. */
export type ApiKeyDocument = Omit<ApiKeyItem, "key_hash">;

export function firestoreApiKeyStore(db: Pick<Firestore, "collection">, collection: string): ApiKeyStore {
  const keys = () => db.collection(collection);
  const read = firestoreApiKeyLookup(db, collection);

  const list = async (): Promise<ApiKeyItem[]> => {
    // select() with no fields returns ids only; each key is then read by the ingest function's own
    // lookup. Two reads per key — fine for an admin listing of a deployment's few keys.
    const { docs } = await keys().select().get();
    const items = await Promise.all(docs.map((doc) => read(doc.id)));
    return orderApiKeys(items.filter((item): item is ApiKeyItem => item !== undefined));
  };

  return {
    async put(item) {
      assertValidGameId(item.game_id);
      // The same four fields the DynamoDB store writes; a new key is never revoked.
      const document: ApiKeyDocument = { game_id: item.game_id, enabled: item.enabled, created_at: item.created_at, label: item.label };
      // create() fails with ALREADY_EXISTS instead of overwriting, like the table's attribute_not_exists.
      await keys().doc(item.key_hash).create(document);
    },
    list,
    async revoke(keyId, nowIso) {
      const match = findApiKeyById(await list(), keyId);
      const change: Required<Pick<ApiKeyDocument, "enabled" | "revoked_at">> = { enabled: false, revoked_at: nowIso };
      // update() fails with NOT_FOUND if the document vanished meanwhile; it never recreates it.
      await keys().doc(match.key_hash).update(change);
      return { ...match, ...change };
    },
  };
}
