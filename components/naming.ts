/**
 * Physical names. Streams follow seed 000's convention (`prod-client-game_event-raw`); other
 * resources get a short `tlm-<stack>-<role>` name that fits the tightest limit it must meet.
 */
import { createHash } from "node:crypto";

export interface Names {
  stack: string;
  /** `<stack>-client-game_event-<channel>` (Kinesis allows 128 characters of [A-Za-z0-9_.-]). */
  stream(channel: string): string;
  /** `tlm-<stack>-<role>`, shortened with a stable hash suffix to fit `maxLength`. */
  resource(role: string, maxLength?: number): string;
}

export function namesFor(stack: string): Names {
  return {
    stack,
    stream: (channel) => fitName(`${stack}-client-game_event-${channel}`, 128),
    resource: (role, maxLength = 64) => fitName(`tlm-${stack}-${role}`, maxLength),
  };
}

/** Shortens `name` to `maxLength` keeping a stable 6-character hash of the full name. */
export function fitName(name: string, maxLength: number): string {
  if (maxLength < 8) throw new RangeError(`maxLength ${maxLength} is too small for a name`);
  if (name.length <= maxLength) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
  return `${name.slice(0, maxLength - 7).replace(/[-_.]+$/, "")}-${hash}`;
}
