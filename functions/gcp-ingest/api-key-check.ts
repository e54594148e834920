/**
 * The API-key gate of the GCP ingest function, with the same contract as the AWS Lambda authorizer:
 * the key comes from `Authorization: ApiKey|Bearer <k>` or `x-api-key`, is checked for shape, hashed
 * (SHA-256, the only form stored) and looked up; missing/malformed → 401, unknown/disabled/revoked → 403.
 * Parsing and hashing are the authorizer's own functions.
 */
import { hashApiKey, isWellFormedApiKey, keyIdOf } from "../authorizer/api-key";
import type { ApiKeyItem } from "../authorizer/api-key-table";
import { extractApiKey } from "../authorizer/extract-key";
import type { DenyReason } from "../authorizer/authorize";

/** Looks a key up by hash; must THROW on store errors (an outage is a 5xx, never "unknown key"). */
export type ApiKeyLookup = (keyHash: string) => Promise<ApiKeyItem | undefined>;

export type ApiKeyDecision =
  | { ok: true; gameId: string; keyId: string }
  | { ok: false; status: 401 | 403; reason: DenyReason; keyId?: string };

/** Node's incoming headers (lower-case names; repeated headers as arrays) as the authorizer reads them. */
export function authorizerHeaders(headers: Record<string, string | string[] | undefined>): {
  headers: Record<string, string | undefined>;
  multiValueHeaders: Record<string, string[] | undefined>;
} {
  const single: Record<string, string | undefined> = {};
  const multi: Record<string, string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) multi[name] = value;
    else single[name] = value;
  }
  return { headers: single, multiValueHeaders: multi };
}

export async function checkApiKey(headers: Record<string, string | string[] | undefined>, lookup: ApiKeyLookup): Promise<ApiKeyDecision> {
  const key = extractApiKey(authorizerHeaders(headers));
  if (key === undefined) return { ok: false, status: 401, reason: "missing" };
  if (!isWellFormedApiKey(key)) return { ok: false, status: 401, reason: "malformed" };
  const hash = hashApiKey(key);
  const keyId = keyIdOf(hash);
  const item = await lookup(hash);
  if (!item) return { ok: false, status: 403, reason: "unknown", keyId };
  if (item.revoked_at) return { ok: false, status: 403, reason: "revoked", keyId };
  if (!item.enabled) return { ok: false, status: 403, reason: "disabled", keyId };
  return { ok: true, gameId: item.game_id, keyId };
}
