import { FIELD_ALIASES } from "../core";
import { MAX_PARTITION_KEY_CHARS } from "../kinesis/limits";

/** Input field names that carry the user id, canonical name first, in the core's alias order. */
export const USER_ID_FIELDS: readonly string[] = [...new Set(["user_id", ...(FIELD_ALIASES.user_id ?? [])])];

/**
 * Stream partition key of one event: its user id (first field of USER_ID_FIELDS holding a non-empty
 * string or a finite number), so one user's events stay ordered on one shard/partition; when there
 * is none (or it cannot be a partition key), the request id — the event still gets in and the core
 * decides its fate.
 */
export function partitionKeyFor(event: unknown, requestId: string): string {
  if (typeof event === "object" && event !== null && !Array.isArray(event)) {
    const record = event as Record<string, unknown>;
    for (const field of USER_ID_FIELDS) {
      const value = record[field];
      const key = typeof value === "string" ? value.trim() : typeof value === "number" && Number.isFinite(value) ? String(value) : "";
      if (key.length > 0 && [...key].length <= MAX_PARTITION_KEY_CHARS) return key;
    }
  }
  return requestId;
}
