/**
 * One Athena result row of the player-daily SELECT → one item of the DynamoDB fast-access table
 * (key `player_id` + `metric_date`, TTL attribute `expires_at`). Pure, so the mapping is tested
 * without AWS. A row that cannot become an item is reported with the reason, never dropped silently.
 */
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { CsvField } from "./athena-csv";
import { PLAYER_DAILY_AMOUNTS, PLAYER_DAILY_COLUMNS, PLAYER_DAILY_COUNTERS } from "./player-daily-query";

export const TABLE_KEY = { partition: "player_id", sort: "metric_date" } as const;
export const TTL_ATTRIBUTE = "expires_at";
const DAY_SECONDS = 86_400;
/** DynamoDB's key size limits: partition key ≤ 2048 bytes. */
const MAX_PARTITION_KEY_BYTES = 2048;

export type PlayerDailyItem = Record<string, AttributeValue>;
export type RowOutcome = { item: PlayerDailyItem } | { rejected: string };

/** Throws unless the header is exactly the SELECT's columns (a different file or query must not be written). */
export function checkHeader(header: CsvField[]): void {
  const expected = PLAYER_DAILY_COLUMNS.join(",");
  if (header.join(",") !== expected) throw new Error(`result header ${JSON.stringify(header)} is not the player-daily query's columns ${expected}`);
}

/** Epoch seconds at which the item expires: the start of `metricDate` (UTC) plus `ttlDays`. */
export function expiresAt(metricDate: string, ttlDays: number): number {
  return Date.parse(`${metricDate}T00:00:00Z`) / 1000 + ttlDays * DAY_SECONDS;
}

export interface ItemContext {
  runDate: string;
  runId: string;
  ttlDays: number;
}

export function rowToItem(row: CsvField[], context: ItemContext): RowOutcome {
  if (row.length !== PLAYER_DAILY_COLUMNS.length) return { rejected: `${row.length} fields, expected ${PLAYER_DAILY_COLUMNS.length}` };
  const value = Object.fromEntries(PLAYER_DAILY_COLUMNS.map((c, i) => [c, row[i]])) as Record<(typeof PLAYER_DAILY_COLUMNS)[number], CsvField>;
  const player = value.user_id;
  if (!player) return { rejected: "user_id is empty" };
  if (Buffer.byteLength(player, "utf8") > MAX_PARTITION_KEY_BYTES) return { rejected: `user_id is longer than ${MAX_PARTITION_KEY_BYTES} bytes` };
  // The query selects one day; another date means the wrong result file.
  if (value.metric_date !== context.runDate) return { rejected: `metric_date ${JSON.stringify(value.metric_date)} is not the run date ${context.runDate}` };
  const item: PlayerDailyItem = {
    [TABLE_KEY.partition]: { S: player },
    [TABLE_KEY.sort]: { S: context.runDate },
    [TTL_ATTRIBUTE]: { N: String(expiresAt(context.runDate, context.ttlDays)) },
    run_id: { S: context.runId },
  };
  for (const column of PLAYER_DAILY_COUNTERS) {
    const text = value[column] ?? "0"; // count(...) is never NULL; treat a NULL as none counted
    if (!/^\d{1,15}$/.test(text)) return { rejected: `${column} ${JSON.stringify(value[column])} is not a whole number` };
    item[column] = { N: String(Number(text)) };
  }
  for (const column of PLAYER_DAILY_AMOUNTS) {
    const text = value[column] ?? "0"; // sum(...) over no purchases is NULL-safe in the SQL; NULL = 0
    const number = Number(text);
    if (text.trim() === "" || !Number.isFinite(number) || number < 0) return { rejected: `${column} ${JSON.stringify(value[column])} is not a non-negative number` };
    item[column] = { N: String(number) };
  }
  return { item };
}

/** The key of an item as text (to keep one BatchWriteItem request free of repeated keys). */
export function itemKey(item: PlayerDailyItem): string {
  return `${item[TABLE_KEY.partition].S}\u0000${item[TABLE_KEY.sort].S}`;
}
