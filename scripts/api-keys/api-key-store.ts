/**
 * What `npm run api-keys` needs from a key store. One implementation per backend (DynamoDB for AWS
 * stacks, Firestore for GCP stacks); the CLI's commands are written once against this interface.
 * Stores hold key rows (hash, game, state) — never a key.
 */
import type { ApiKeyItem } from "../../functions/authorizer/api-key-table";

export interface ApiKeyStore {
  /** Stores a new key row; rejects (never overwrites) a hash that is already stored. */
  put(item: ApiKeyItem): Promise<void>;
  /** Every key row, oldest first (orderApiKeys). */
  list(): Promise<ApiKeyItem[]>;
  /** Disables the one key whose hash starts with `keyId`; throws for no match or an ambiguous id. */
  revoke(keyId: string, nowIso: string): Promise<ApiKeyItem>;
}
