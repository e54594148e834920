import type { ReasonCode } from "../core";
import type { GameEvent } from "./game-session";
import type { Random } from "./prng";

/**
 * Ways the generator breaks an event, each with the dead-letter reason the core must give it. They
 * cover the bytes level (empty, not JSON), the shape level (not an object, missing field) and the
 * value level (bad id, unparseable / future timestamp).
 */
export interface InvalidVariant {
  reason: ReasonCode;
  make(event: GameEvent, nowMs: number): string;
}

const DAY_MS = 24 * 3_600_000;

export const INVALID_VARIANTS: readonly InvalidVariant[] = [
  { reason: "EMPTY_RECORD", make: () => "" },
  {
    reason: "MALFORMED_JSON",
    make: (event) => {
      const text = JSON.stringify(event);
      return text.slice(0, Math.floor(text.length / 2));
    },
  },
  { reason: "NOT_AN_OBJECT", make: (event) => JSON.stringify([event]) },
  {
    reason: "MISSING_FIELD",
    make: (event) => {
      const { user_id: _dropped, ...rest } = event;
      return JSON.stringify(rest);
    },
  },
  { reason: "INVALID_ID", make: (event) => JSON.stringify({ ...event, id: `${event.id} copy!` }) },
  { reason: "INVALID_TIMESTAMP", make: (event) => JSON.stringify({ ...event, timestamp: "yesterday at noon" }) },
  {
    reason: "TIMESTAMP_IN_FUTURE",
    make: (event, nowMs) => JSON.stringify({ ...event, timestamp: new Date(nowMs + 2 * DAY_MS).toISOString() }),
  },
];

export function invalidRecord(random: Random, event: GameEvent, nowMs: number): { line: string; reason: ReasonCode } {
  const variant = random.pick(INVALID_VARIANTS);
  return { line: variant.make(event, nowMs), reason: variant.reason };
}
