/**
 * API keys at rest in Firestore: collection `api_keys`, one document per key whose id is the key's
 * SHA-256 (hex) and whose fields are the authorizer's ApiKeyItem. A read is one document get by id.
 */
import type { Firestore } from "@google-cloud/firestore";
import type { ApiKeyItem } from "../authorizer/api-key-table";
import type { ApiKeyLookup } from "./api-key-check";

/** The collection holding the key documents (the program passes it to the function; the CLI writes it). */
export const API_KEYS_COLLECTION = "api_keys";

export function firestoreApiKeyLookup(db: Pick<Firestore, "collection">, collection: string): ApiKeyLookup {
  return async (keyHash) => {
    const snapshot = await db.collection(collection).doc(keyHash).get();
    if (!snapshot.exists) return undefined;
    const data = snapshot.data() ?? {};
    return {
      key_hash: keyHash,
      game_id: typeof data.game_id === "string" ? data.game_id : "",
      enabled: data.enabled === true,
      created_at: typeof data.created_at === "string" ? data.created_at : "",
      label: typeof data.label === "string" ? data.label : "",
      ...(typeof data.revoked_at === "string" ? { revoked_at: data.revoked_at } : {}),
    };
  };
}
