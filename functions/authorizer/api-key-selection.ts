/**
 * Store-independent rules for a set of key rows: the order `list` shows them in and how a key id
 * (a hash prefix) picks exactly one key to revoke. Every key store (DynamoDB, Firestore) uses these,
 * so both backends list and revoke identically.
 */
import { keyIdOf } from "./api-key";

interface HasKeyHash {
  key_hash: string;
  created_at: string;
}

/** Oldest first; equal creation times ordered by hash so the listing is stable. */
export function orderApiKeys<T extends HasKeyHash>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.key_hash.localeCompare(b.key_hash));
}

/**
 * The one key whose hash starts with `keyId` (case-insensitive). Throws when no key or more than one
 * key has that id, so a short prefix can never revoke the wrong key.
 */
export function findApiKeyById<T extends HasKeyHash>(items: readonly T[], keyId: string): T {
  const matches = items.filter((item) => item.key_hash.startsWith(keyId.toLowerCase()));
  if (keyId.length === 0 || matches.length === 0) throw new Error(`no API key with id ${JSON.stringify(keyId)}`);
  if (matches.length > 1) {
    throw new Error(`key id ${JSON.stringify(keyId)} is ambiguous: ${matches.map((m) => keyIdOf(m.key_hash)).join(", ")}`);
  }
  return matches[0];
}
