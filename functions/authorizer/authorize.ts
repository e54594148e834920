import { hashApiKey, isWellFormedApiKey, keyIdOf } from "./api-key";
import type { ApiKeyItem } from "./api-key-table";
import { extractApiKey } from "./extract-key";
import { allowIngestPolicy, denyPolicy } from "./policy";
import type { AuthorizerResult, RequestAuthorizerEvent } from "./request-event";

export type DenyReason = "missing" | "malformed" | "unknown" | "disabled" | "revoked";

export interface AuthorizerDeps {
  /** Looks a key up by hash; must THROW on store errors (never answer "unknown" for an outage). */
  lookup(keyHash: string): Promise<ApiKeyItem | undefined>;
  /** Structured log sink; never receives the key, only its id. */
  log(entry: Record<string, unknown>): void;
}

/**
 * The authorization decision. Allow = POST /v1/events of the same API/stage only, with the key's
 * game id in the context. Deny (explicit) on a missing, malformed, unknown, disabled or revoked key.
 * A lookup error propagates: API Gateway then answers 500, and nothing is ever allowed by accident.
 */
export async function authorize(event: RequestAuthorizerEvent, deps: AuthorizerDeps): Promise<AuthorizerResult> {
  const deny = (reason: DenyReason, keyId?: string) => {
    deps.log({ decision: "deny", reason, keyId, requestId: event.requestContext?.requestId });
    return denyPolicy(event.methodArn);
  };
  const apiKey = extractApiKey(event);
  if (apiKey === undefined) return deny("missing");
  if (!isWellFormedApiKey(apiKey)) return deny("malformed");
  const keyHash = hashApiKey(apiKey);
  const keyId = keyIdOf(keyHash);
  const item = await deps.lookup(keyHash);
  if (!item || item.key_hash !== keyHash) return deny("unknown", keyId);
  if (item.revoked_at) return deny("revoked", keyId);
  if (!item.enabled || !item.game_id) return deny("disabled", keyId);
  deps.log({ decision: "allow", keyId, gameId: item.game_id, requestId: event.requestContext?.requestId });
  return allowIngestPolicy(event.methodArn, keyId, { gameId: item.game_id, keyId });
}
