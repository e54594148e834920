/**
 * Which RAW lines a replay re-sends. A line is one record exactly as it reached the raw stream: a bare
 * event or an ingest envelope ({"_ingest":…,"_event":…}). With a table list (seed 004: the event's
 * table/type, e.g. `kiosk_weapon_offered`), only events whose type — under any accepted name — is in
 * the list are sent; lines that cannot be read as events are then skipped and counted. Lines whose
 * envelope says they arrived outside the window are skipped (hour partitions are coarser than the window).
 * The partition key keeps one user's events together, like the ingest path.
 */
import { createHash } from "node:crypto";
import { FIELD_ALIASES, INGEST_ENVELOPE_KEYS, parseTimestampMs } from "../core";
import type { ReplayWindow } from "./replay-window";

export type LineVerdict =
  | { send: true; partitionKey: string }
  | { send: false; skipped: "table" | "time" | "unreadable" };

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function firstAlias(event: Record<string, unknown>, field: keyof typeof FIELD_ALIASES): string | undefined {
  for (const name of FIELD_ALIASES[field]) {
    const value = event[name];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

function parse(line: Buffer): { event?: Record<string, unknown>; receivedAtMs?: number } {
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = asObject(JSON.parse(line.toString("utf8")));
  } catch {
    return {};
  }
  if (!parsed) return {};
  const ingest = asObject(parsed[INGEST_ENVELOPE_KEYS.ingest]);
  if (ingest || INGEST_ENVELOPE_KEYS.event in parsed) {
    const receivedAtMs = parseTimestampMs(ingest?.received_at) ?? undefined;
    return { event: asObject(parsed[INGEST_ENVELOPE_KEYS.event]), receivedAtMs };
  }
  return { event: parsed };
}

export function lineFilter(window: ReplayWindow, tables?: readonly string[]): (line: Buffer) => LineVerdict {
  const wanted = tables && tables.length > 0 ? new Set(tables) : undefined;
  return (line) => {
    const { event, receivedAtMs } = parse(line);
    if (receivedAtMs !== undefined && (receivedAtMs < window.fromMs || receivedAtMs >= window.toMs)) return { send: false, skipped: "time" };
    if (wanted) {
      if (!event) return { send: false, skipped: "unreadable" };
      const type = firstAlias(event, "event_type");
      if (type === undefined || !wanted.has(type)) return { send: false, skipped: "table" };
    }
    const user = event ? firstAlias(event, "user_id") : undefined;
    const partitionKey = user !== undefined && [...user].length <= 256 ? user : createHash("sha256").update(line).digest("hex");
    return { send: true, partitionKey };
  };
}

/** "a,b" or ["a","b"] → trimmed non-empty names (the seed's comma-separated table list). */
export function tableList(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const items = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : undefined;
  if (!items || items.some((t) => typeof t !== "string")) throw new RangeError(`tables ${JSON.stringify(value)} is invalid; allowed: "a,b" or ["a","b"]`);
  const names = (items as string[]).map((t) => t.trim()).filter((t) => t !== "");
  return names.length > 0 ? names : undefined;
}
