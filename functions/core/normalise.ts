import { ALIAS_LOOKUP, FIELD_ALIASES, FIELD_SLOT, PARAMETER_CONTAINERS } from "./aliases";
import type { InputField, SilverEvent } from "./envelope";
import { INPUT_FIELDS } from "./envelope";
import { isValidId } from "./identifiers";
import type { UnwrappedEvent } from "./ingest-envelope";
import type { CoreOptions } from "./options";
import { addParameter } from "./parameters";
import { jsonKind } from "./parse-record";
import { Rejection, showValue } from "./rejection";
import { canonicalIso, parseTimestampMs, toIsoMs } from "./timestamps";

/** Per-batch values the normaliser needs besides the event. */
export interface NormaliseContext {
  options: CoreOptions;
  nowMs: number;
  /** Record-level arrival time (ISO), used when no ingest envelope supplies one. */
  receivedAt: string;
}

const SLOT_COUNT = INPUT_FIELDS.length;
const SCRATCH_VALUES: unknown[] = new Array<unknown>(SLOT_COUNT).fill(undefined);
const SCRATCH_NAMES: Array<string | undefined> = new Array<string | undefined>(SLOT_COUNT).fill(undefined);
const SCRATCH_RANKS: number[] = new Array<number>(SLOT_COUNT).fill(SLOT_COUNT);
const EVENT_TYPE_MAX_LENGTH = 128;
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
const [PARAMETERS_KEY, EVENT_DATA_KEY] = PARAMETER_CONTAINERS;
/** Fields taken from `event_data` / `parameters` when absent at the top level (the common shape nests them there). */
const LIFTED_FROM_CONTAINERS: readonly InputField[] = ["user_id", "session_id"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function missing(field: InputField): Rejection {
  return new Rejection("MISSING_FIELD", `${field} is missing (accepted names: ${FIELD_ALIASES[field].join(", ")})`);
}

function wrongType(field: InputField, name: string, value: unknown, expected: string): Rejection {
  return new Rejection("INVALID_FIELD_TYPE", `${field} (input "${name}") must be ${expected}; found ${jsonKind(value)} ${showValue(value)}`);
}

/**
 * An identifier: a string matching the id rule, or a non-negative safe integer (taken as its decimal
 * digits; some SDKs send numeric user ids). null/undefined → null.
 */
function identifier(field: InputField, name: string, value: unknown): string | null | Rejection {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") {
    return isValidId(value) ? value : new Rejection("INVALID_ID", `${field} (input "${name}") ${showValue(value)} is not 1-128 characters of A-Z a-z 0-9 _ . : -`);
  }
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return String(value);
  return wrongType(field, name, value, "a string identifier or a non-negative integer");
}

/** Optional free-text field: trimmed string or finite number; empty → null. */
function optionalText(field: InputField, name: string, value: unknown, lowerCase: boolean): string | null | Rejection {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed === "") return null;
    return lowerCase ? trimmed.toLowerCase() : trimmed;
  }
  if (typeof value === "number" && Number.isFinite(value) && !lowerCase) return String(value);
  return wrongType(field, name, value, lowerCase ? "a string" : "a string or a number");
}

/** The first accepted name of a field found in a parameter container (the value also stays in parameters). */
function liftFromContainer(
  field: InputField,
  containerName: string,
  container: Record<string, unknown> | undefined,
): { value: unknown; name: string } | undefined {
  if (container === undefined) return undefined;
  for (const alias of FIELD_ALIASES[field]) {
    const value = container[alias];
    if (value !== undefined && value !== null && Object.hasOwn(container, alias)) return { value, name: `${containerName}.${alias}` };
  }
  return undefined;
}

/**
 * Maps one event object onto the SILVER envelope: one pass over its top-level keys resolves aliases
 * (preferred name wins), collects parameter containers and remembers every other key; then fields are
 * validated in a fixed order so a record with several faults always gets the same reason.
 */
export function normaliseEvent(
  event: Record<string, unknown>,
  ingest: UnwrappedEvent | null,
  context: NormaliseContext,
): SilverEvent | Rejection {
  // Module-level scratch slots, reset per call: normaliseEvent is synchronous and never re-entered.
  const values = SCRATCH_VALUES;
  const names = SCRATCH_NAMES;
  const ranks = SCRATCH_RANKS;
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    values[slot] = undefined;
    names[slot] = undefined;
    ranks[slot] = SLOT_COUNT;
  }
  let parametersObject: Record<string, unknown> | undefined;
  let eventDataObject: Record<string, unknown> | undefined;
  let extraKeys: string[] | undefined;

  for (const key in event) {
    const value = event[key];
    const target = ALIAS_LOOKUP.get(key);
    if (target !== undefined) {
      // A null under an alias means "not given": it neither claims the field nor needs keeping.
      if (value === null) continue;
      const slot = target.slot;
      if (target.rank < ranks[slot]) {
        const displaced = names[slot];
        if (displaced !== undefined) (extraKeys ??= []).push(displaced);
        values[slot] = value;
        names[slot] = key;
        ranks[slot] = target.rank;
      } else {
        (extraKeys ??= []).push(key);
      }
    } else if (key === PARAMETERS_KEY && isObject(value)) {
      parametersObject = value;
    } else if (key === EVENT_DATA_KEY && isObject(value)) {
      eventDataObject = value;
    } else {
      (extraKeys ??= []).push(key);
    }
  }

  for (const field of LIFTED_FROM_CONTAINERS) {
    const slot = FIELD_SLOT[field];
    if (values[slot] !== undefined) continue;
    const lifted = liftFromContainer(field, EVENT_DATA_KEY, eventDataObject) ?? liftFromContainer(field, PARAMETERS_KEY, parametersObject);
    if (lifted !== undefined) {
      values[slot] = lifted.value;
      names[slot] = lifted.name;
    }
  }

  // Required fields, in contract order.
  if (values[0] === undefined) return missing("event_id");
  const eventId = identifier("event_id", names[0] as string, values[0]);
  if (eventId instanceof Rejection) return eventId;

  const rawType = values[1];
  if (rawType === undefined) return missing("event_type");
  if (typeof rawType !== "string") return wrongType("event_type", names[1] as string, rawType, "a string");
  const eventType = rawType.trim();
  if (eventType === "" || eventType.length > EVENT_TYPE_MAX_LENGTH) {
    return wrongType("event_type", names[1] as string, rawType, `a non-empty string of at most ${EVENT_TYPE_MAX_LENGTH} characters`);
  }

  const rawTimestamp = values[2];
  if (rawTimestamp === undefined) return missing("event_timestamp");
  if (typeof rawTimestamp !== "string" && typeof rawTimestamp !== "number") {
    return wrongType("event_timestamp", names[2] as string, rawTimestamp, "an ISO-8601 string or epoch seconds/milliseconds");
  }
  const timestampMs = parseTimestampMs(rawTimestamp);
  if (timestampMs === null) {
    return new Rejection(
      "INVALID_TIMESTAMP",
      `event_timestamp (input "${names[2]}") ${showValue(rawTimestamp)} is not ISO-8601 or epoch seconds/milliseconds between 1970 and 9999`,
    );
  }
  const { options, nowMs } = context;
  if (timestampMs > nowMs + options.futureToleranceMs) {
    return new Rejection(
      "TIMESTAMP_IN_FUTURE",
      `event_timestamp ${toIsoMs(timestampMs)} is more than ${options.futureToleranceMs} ms after now (${toIsoMs(nowMs)})`,
    );
  }
  if (timestampMs < nowMs - options.maxAgeDays * MS_PER_DAY) {
    return new Rejection(
      "TIMESTAMP_TOO_OLD",
      `event_timestamp ${toIsoMs(timestampMs)} is more than ${options.maxAgeDays} days before now (${toIsoMs(nowMs)})`,
    );
  }

  if (values[3] === undefined) return missing("user_id");
  const userId = identifier("user_id", names[3] as string, values[3]);
  if (userId instanceof Rejection) return userId;

  // Optional fields.
  const sessionId = identifier("session_id", names[4] as string, values[4]);
  if (sessionId instanceof Rejection) return sessionId;
  let gameId = identifier("game_id", names[5] as string, values[5]);
  if (gameId instanceof Rejection) return gameId;
  if (ingest !== null && ingest.ingestGameId !== null) {
    if (gameId === null) {
      gameId = ingest.ingestGameId;
    } else if (gameId !== ingest.ingestGameId) {
      return new Rejection("GAME_ID_MISMATCH", `the event names game_id "${gameId}" but was ingested for game "${ingest.ingestGameId}"`);
    }
  }
  const platform = optionalText("platform", names[6] as string, values[6], true);
  if (platform instanceof Rejection) return platform;
  const appVersion = optionalText("app_version", names[7] as string, values[7], false);
  if (appVersion instanceof Rejection) return appVersion;

  // parameters: reuse the parsed container (this record owns it) rather than copying it.
  let parameters: Record<string, unknown>;
  if (parametersObject !== undefined) {
    parameters = parametersObject;
    if (eventDataObject !== undefined) {
      for (const key in eventDataObject) addParameter(parameters, key, eventDataObject[key], "event_data");
    }
  } else {
    parameters = eventDataObject ?? {};
  }
  if (extraKeys !== undefined) {
    for (const key of extraKeys) addParameter(parameters, key, event[key], "event");
  }

  const eventTimestamp = canonicalIso(rawTimestamp, timestampMs);
  return {
    event_id: eventId as string,
    event_type: eventType,
    event_timestamp: eventTimestamp,
    received_at: ingest !== null && ingest.ingestReceivedAt !== null ? ingest.ingestReceivedAt : context.receivedAt,
    user_id: userId as string,
    session_id: sessionId,
    game_id: gameId,
    platform,
    app_version: appVersion,
    parameters,
    event_date: eventTimestamp.slice(0, 10),
    event_hour: Math.floor(timestampMs / MS_PER_HOUR) % 24,
  };
}
