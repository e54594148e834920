import type { ReasonCode } from "./reason-codes";
import type { SourceCoordinates } from "./source";

/** The SILVER envelope every clean event is normalised into (DESIGN.md, "Event contract"). */
export interface SilverEvent {
  event_id: string;
  event_type: string;
  /** UTC ISO-8601 with milliseconds, e.g. 2026-11-22T05:00:00.000Z */
  event_timestamp: string;
  received_at: string;
  user_id: string;
  session_id: string | null;
  game_id: string | null;
  platform: string | null;
  app_version: string | null;
  /** Event-specific data: the input's `parameters` / `event_data` objects and every unrecognised top-level field. */
  parameters: Record<string, unknown>;
  /** YYYY-MM-DD of event_timestamp (UTC) */
  event_date: string;
  /** 0-23, hour of event_timestamp (UTC) */
  event_hour: number;
}

/** A rejected record: why, and the exact bytes that arrived, so it can be inspected and replayed. */
export interface DeadLetterRecord {
  reason: ReasonCode;
  message: string;
  original_base64: string;
  source: SourceCoordinates;
  received_at: string;
}

/** The SILVER fields an input can supply (everything but the derived and server-side ones). */
export const INPUT_FIELDS = [
  "event_id",
  "event_type",
  "event_timestamp",
  "user_id",
  "session_id",
  "game_id",
  "platform",
  "app_version",
] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

/** The SILVER fields a dedup key may be built from (scalars only; `parameters.<name>` is also allowed). */
export const DEDUP_KEY_SILVER_FIELDS = [...INPUT_FIELDS, "received_at", "event_date", "event_hour"] as const;
