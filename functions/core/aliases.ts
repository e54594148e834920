import type { InputField, SilverEvent } from "./envelope";
import { INPUT_FIELDS } from "./envelope";

/**
 * THE alias table: SILVER field ← accepted input names, highest priority first. When an event carries
 * several names of one field, the first listed wins and the others are kept in `parameters`.
 * Sources: seed 001 (customer_id, device_os), seed 003 (id, type, timestamp), seed 004 (event),
 * the common game-analytics shape (event_id, event_type, event_timestamp, app_version) and camelCase SDKs.
 */
export const FIELD_ALIASES: Record<keyof SilverEvent | string, readonly string[]> = Object.freeze({
  event_id: Object.freeze(["event_id", "id", "eventId"]),
  event_type: Object.freeze(["event_type", "type", "event", "eventType"]),
  event_timestamp: Object.freeze(["event_timestamp", "timestamp", "eventTimestamp", "ts"]),
  user_id: Object.freeze(["user_id", "customer_id", "player_id", "userId", "playerId"]),
  session_id: Object.freeze(["session_id", "sessionId"]),
  game_id: Object.freeze(["game_id", "gameId"]),
  platform: Object.freeze(["platform", "device_os", "os"]),
  app_version: Object.freeze(["app_version", "appVersion", "client_version"]),
});

/**
 * Input objects whose entries are merged into `parameters` (seed 003's `parameters`, the common shape's
 * `event_data`), highest priority first. A value that is not an object stays a plain parameter.
 */
export const PARAMETER_CONTAINERS = Object.freeze(["parameters", "event_data"] as const);

/** Position of a SILVER input field in the normaliser's slot array. */
export const FIELD_SLOT: Readonly<Record<InputField, number>> = Object.freeze(
  Object.fromEntries(INPUT_FIELDS.map((field, slot) => [field, slot])) as Record<InputField, number>,
);

export interface AliasTarget {
  slot: number;
  /** 0 = preferred name; a lower rank wins over a higher one. */
  rank: number;
}

/** Input name → target, built once. A Map, so names such as "constructor" never hit Object.prototype. */
export const ALIAS_LOOKUP: ReadonlyMap<string, AliasTarget> = (() => {
  const lookup = new Map<string, AliasTarget>();
  for (const field of INPUT_FIELDS) {
    FIELD_ALIASES[field].forEach((name, rank) => {
      if (lookup.has(name)) throw new Error(`alias "${name}" is listed for two fields`);
      if ((PARAMETER_CONTAINERS as readonly string[]).includes(name)) throw new Error(`alias "${name}" is a parameter container`);
      lookup.set(name, { slot: FIELD_SLOT[field], rank });
    });
  }
  return lookup;
})();
