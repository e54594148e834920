import { createHash, randomBytes } from "node:crypto";

/**
 * API key format: `tk_` + 32 random bytes in base64url without padding (43 characters).
 * The prefix makes keys recognisable (secret scanners, logs); the fixed length and charset let the
 * authorizer reject garbage before it costs a DynamoDB read.
 */
export const API_KEY_PREFIX = "tk_";
export const API_KEY_RANDOM_BYTES = 32;
/** base64url length of 32 bytes without padding: ⌈32·8/6⌉ = 43. */
export const API_KEY_BODY_CHARS = Math.ceil((API_KEY_RANDOM_BYTES * 8) / 6);
const API_KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9_-]{${API_KEY_BODY_CHARS}}$`);
/** Characters of the hash shown as the key's id (in lists, logs, the authorizer context). */
export const KEY_ID_CHARS = 16;

export function generateApiKey(random: (size: number) => Buffer = randomBytes): string {
  return API_KEY_PREFIX + random(API_KEY_RANDOM_BYTES).toString("base64url");
}

export function isWellFormedApiKey(candidate: string): boolean {
  return API_KEY_PATTERN.test(candidate);
}

/** SHA-256 of the key, lower-case hex: the only form in which a key is stored. */
export function hashApiKey(apiKey: string): string {
  return createHash("sha256").update(apiKey, "utf8").digest("hex");
}

/** A key's public id: a prefix of its hash — safe to print, enough to find the key to revoke. */
export function keyIdOf(keyHash: string): string {
  return keyHash.slice(0, KEY_ID_CHARS);
}
