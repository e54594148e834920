import type { CleanEvent, SilverEvent } from "../core";

/**
 * The DynamoDB SILVER staging item of a clean event (seed 000: "stores clean data in Amazon DynamoDB").
 * The key schema is the table's in components/aws/processing.ts (LightProcessing): partition key
 * `user_id`, sort key `event_key` = `<event_timestamp>#<event_id>`, so a player's events read back in
 * time order. The same event always maps to the same key, so writing it again (a retried batch)
 * overwrites the item instead of adding one. The table defines no TTL attribute; items stay until
 * deleted.
 *
 * Attributes: every SILVER envelope field under its SILVER name, null fields omitted (DynamoDB's
 * idiom for "no value", which also keeps future sparse indexes on e.g. game_id small), `event_hour`
 * as a number, `parameters` as its JSON text, and `dedup_key` (the processor's dedup key, for
 * consumers that dedup again).
 *
 * Why `parameters` is a JSON string and not a map: it is lossless for every event the core accepts
 * (DynamoDB numbers hold 38 digits and magnitudes 1e-130..1e126, JSON numbers do not stop there; a
 * single unrepresentable value would fail its whole 25-item BatchWriteItem), and its size is known
 * from the event's JSON, which the 400 KB item limit needs. Readers filter on the top-level
 * attributes (user_id, event_key range, event_type, event_date, game_id, platform…) and parse
 * `parameters` once read.
 */
export const SILVER_STAGING_PARTITION_KEY = "user_id";
export const SILVER_STAGING_SORT_KEY = "event_key";
export const SILVER_STAGING_PARAMETERS_ATTRIBUTE = "parameters";
export const SILVER_STAGING_DEDUP_KEY_ATTRIBUTE = "dedup_key";

/** DynamoDB's item size limit: 400 KB, attribute names included. */
export const DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;
/** DynamoDB key attribute limits: partition key ≤ 2048 bytes, sort key ≤ 1024 bytes, neither empty. */
export const DYNAMODB_MAX_PARTITION_KEY_BYTES = 2048;
export const DYNAMODB_MAX_SORT_KEY_BYTES = 1024;

export type StagingAttribute = { S: string } | { N: string };
export type SilverStagingItem = Record<string, StagingAttribute>;

/** `<event_timestamp>#<event_id>`: ISO-8601 UTC with ms sorts lexically in time order. */
export function silverStagingEventKey(event: Pick<SilverEvent, "event_timestamp" | "event_id">): string {
  return `${event.event_timestamp}#${event.event_id}`;
}

export function silverStagingItem(clean: CleanEvent): SilverStagingItem {
  const event = clean.event;
  const item: SilverStagingItem = {
    [SILVER_STAGING_PARTITION_KEY]: { S: event.user_id },
    [SILVER_STAGING_SORT_KEY]: { S: silverStagingEventKey(event) },
    event_id: { S: event.event_id },
    event_type: { S: event.event_type },
    event_timestamp: { S: event.event_timestamp },
    received_at: { S: event.received_at },
    event_date: { S: event.event_date },
    event_hour: { N: String(event.event_hour) },
    [SILVER_STAGING_PARAMETERS_ATTRIBUTE]: { S: JSON.stringify(event.parameters) },
    [SILVER_STAGING_DEDUP_KEY_ATTRIBUTE]: { S: clean.dedupKey },
  };
  const optional = { session_id: event.session_id, game_id: event.game_id, platform: event.platform, app_version: event.app_version };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== null) item[name] = { S: value };
  }
  return item;
}

/** The item's key (what BatchWriteItem's UnprocessedItems and duplicate-key checks compare). */
export function silverStagingKeyOf(item: SilverStagingItem): string {
  const partition = item[SILVER_STAGING_PARTITION_KEY] as { S: string };
  const sort = item[SILVER_STAGING_SORT_KEY] as { S: string };
  return `${partition.S}\u0000${sort.S}`;
}

/**
 * Item size as DynamoDB counts it: UTF-8 bytes of each attribute name plus its value; a number
 * counts at most 1 byte per 2 significant digits + 1, bounded here by its text length + 1.
 */
export function silverStagingItemBytes(item: SilverStagingItem): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name, "utf8");
    bytes += "S" in value ? Buffer.byteLength(value.S, "utf8") : value.N.length + 1;
  }
  return bytes;
}

/** Why DynamoDB would reject the item (and with it its whole request), or undefined when it fits. */
export function silverStagingItemRejection(item: SilverStagingItem): { errorCode: string; errorMessage: string } | undefined {
  const partitionBytes = Buffer.byteLength((item[SILVER_STAGING_PARTITION_KEY] as { S: string }).S, "utf8");
  if (partitionBytes < 1 || partitionBytes > DYNAMODB_MAX_PARTITION_KEY_BYTES) {
    return {
      errorCode: "InvalidKey",
      errorMessage: `${SILVER_STAGING_PARTITION_KEY} is ${partitionBytes} bytes; allowed 1..${DYNAMODB_MAX_PARTITION_KEY_BYTES}`,
    };
  }
  const sortBytes = Buffer.byteLength((item[SILVER_STAGING_SORT_KEY] as { S: string }).S, "utf8");
  if (sortBytes > DYNAMODB_MAX_SORT_KEY_BYTES) {
    return { errorCode: "InvalidKey", errorMessage: `${SILVER_STAGING_SORT_KEY} is ${sortBytes} bytes; allowed 1..${DYNAMODB_MAX_SORT_KEY_BYTES}` };
  }
  const bytes = silverStagingItemBytes(item);
  if (bytes > DYNAMODB_MAX_ITEM_BYTES) {
    return { errorCode: "ItemTooLarge", errorMessage: `staging item is ${bytes} bytes; DynamoDB's limit is ${DYNAMODB_MAX_ITEM_BYTES}` };
  }
  return undefined;
}
