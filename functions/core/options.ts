import { DEDUP_KEY_SILVER_FIELDS } from "./envelope";

/** Knobs of the core; build them with coreOptions() so defaults are filled and values checked. */
export interface CoreOptions {
  /** Largest accepted record in bytes, checked before decoding (Kinesis caps a record at 1 MiB). */
  maxRecordBytes: number;
  /** Deepest accepted nesting of objects/arrays; the event object itself is depth 1. */
  maxDepth: number;
  /** Most object keys accepted across the event's whole object tree. */
  maxFields: number;
  /** Events older than this many days are TIMESTAMP_TOO_OLD. */
  maxAgeDays: number;
  /** Events later than now + this many ms are TIMESTAMP_IN_FUTURE. */
  futureToleranceMs: number;
  /** SILVER field names forming the dedup key; `parameters.<name>` addresses one parameter. */
  dedupKeyFields: string[];
  /** Clock (epoch ms). The core never reads the system clock itself. */
  now: () => number;
}

export const DEFAULT_CORE_OPTIONS: Omit<CoreOptions, "now"> = Object.freeze({
  maxRecordBytes: 65_536,
  maxDepth: 8,
  maxFields: 256,
  maxAgeDays: 7,
  futureToleranceMs: 3_600_000,
  dedupKeyFields: Object.freeze(["event_id"]) as unknown as string[],
});

const OPTION_NAMES: ReadonlyArray<keyof CoreOptions> = [
  "maxRecordBytes",
  "maxDepth",
  "maxFields",
  "maxAgeDays",
  "futureToleranceMs",
  "dedupKeyFields",
  "now",
];

/** Upper bounds that keep a misconfiguration from disabling the protection a limit gives. */
const INTEGER_BOUNDS: Record<"maxRecordBytes" | "maxDepth" | "maxFields" | "futureToleranceMs", [number, number]> = {
  maxRecordBytes: [1, 16 * 1024 * 1024],
  maxDepth: [1, 64],
  maxFields: [1, 100_000],
  futureToleranceMs: [0, 7 * 24 * 3_600_000],
};
const MAX_AGE_DAYS_BOUNDS: [number, number] = [0, 3650];

const PARAMETER_FIELD_PREFIX = "parameters.";

function describe(value: unknown): string {
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function isAllowedDedupField(name: string): boolean {
  if ((DEDUP_KEY_SILVER_FIELDS as readonly string[]).includes(name)) return true;
  return name.startsWith(PARAMETER_FIELD_PREFIX) && name.length > PARAMETER_FIELD_PREFIX.length;
}

/** Fills defaults and validates; throws RangeError naming the option, the value and what is allowed. */
export function coreOptions(partial: Partial<CoreOptions> = {}): CoreOptions {
  for (const key of Object.keys(partial)) {
    if (!(OPTION_NAMES as readonly string[]).includes(key)) {
      throw new RangeError(`core option "${key}" is unknown; allowed options: ${OPTION_NAMES.join(", ")}`);
    }
  }
  const pick = <K extends keyof CoreOptions>(key: K, fallback: CoreOptions[K]): CoreOptions[K] =>
    partial[key] === undefined ? fallback : (partial[key] as CoreOptions[K]);

  const options: CoreOptions = {
    maxRecordBytes: pick("maxRecordBytes", DEFAULT_CORE_OPTIONS.maxRecordBytes),
    maxDepth: pick("maxDepth", DEFAULT_CORE_OPTIONS.maxDepth),
    maxFields: pick("maxFields", DEFAULT_CORE_OPTIONS.maxFields),
    maxAgeDays: pick("maxAgeDays", DEFAULT_CORE_OPTIONS.maxAgeDays),
    futureToleranceMs: pick("futureToleranceMs", DEFAULT_CORE_OPTIONS.futureToleranceMs),
    dedupKeyFields: [...pick("dedupKeyFields", DEFAULT_CORE_OPTIONS.dedupKeyFields)],
    now: pick("now", Date.now),
  };

  for (const [name, [min, max]] of Object.entries(INTEGER_BOUNDS) as Array<[keyof typeof INTEGER_BOUNDS, [number, number]]>) {
    const value = options[name];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(`core option "${name}" = ${describe(value)} is invalid; allowed: an integer from ${min} to ${max}`);
    }
  }
  const age = options.maxAgeDays;
  if (typeof age !== "number" || !Number.isFinite(age) || age <= MAX_AGE_DAYS_BOUNDS[0] || age > MAX_AGE_DAYS_BOUNDS[1]) {
    throw new RangeError(
      `core option "maxAgeDays" = ${describe(age)} is invalid; allowed: a number greater than ${MAX_AGE_DAYS_BOUNDS[0]} and at most ${MAX_AGE_DAYS_BOUNDS[1]}`,
    );
  }
  const fields = options.dedupKeyFields;
  const allowed = `${DEDUP_KEY_SILVER_FIELDS.join(", ")} or ${PARAMETER_FIELD_PREFIX}<name>`;
  if (fields.length === 0) {
    throw new RangeError(`core option "dedupKeyFields" = [] is invalid; allowed: a non-empty list of ${allowed}`);
  }
  for (const field of fields) {
    if (typeof field !== "string" || !isAllowedDedupField(field)) {
      throw new RangeError(`core option "dedupKeyFields" contains ${describe(field)}; allowed: ${allowed}`);
    }
  }
  if (new Set(fields).size !== fields.length) {
    throw new RangeError(`core option "dedupKeyFields" = ${describe(fields)} repeats a field; list each field once`);
  }
  if (typeof options.now !== "function") {
    throw new RangeError(`core option "now" = ${describe(options.now)} is invalid; allowed: a function returning epoch milliseconds`);
  }
  return options;
}
