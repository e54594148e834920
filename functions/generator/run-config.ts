/** Environment of the scheduled generator Lambda; the Pulumi component sets exactly these. */
export const GENERATOR_ENV = {
  rawStream: "RAW_STREAM",
  minEvents: "EVENTS_MIN",
  maxEvents: "EVENTS_MAX",
  duplicateRatio: "DUPLICATE_RATIO",
  invalidRatio: "INVALID_RATIO",
  gameId: "GAME_ID",
} as const;

/** Seed 001: each scheduled run creates 2,000–25,000 events. */
export const MIN_EVENTS_PER_RUN = 2_000;
export const MAX_EVENTS_PER_RUN = 25_000;
export const DEFAULT_DUPLICATE_RATIO = 0.02;
export const DEFAULT_INVALID_RATIO = 0.01;

export interface GeneratorRunConfig {
  rawStream: string;
  minEvents: number;
  maxEvents: number;
  duplicateRatio: number;
  invalidRatio: number;
  gameId?: string;
}

function numberVar(env: NodeJS.ProcessEnv, name: string, fallback: number, check: (n: number) => boolean, allowed: string): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!check(value)) throw new RangeError(`environment variable ${name}=${JSON.stringify(raw)} is invalid; allowed: ${allowed}`);
  return value;
}

export function generatorConfigFromEnv(env: NodeJS.ProcessEnv): GeneratorRunConfig {
  const rawStream = env[GENERATOR_ENV.rawStream]?.trim();
  if (!rawStream) throw new Error(`environment variable ${GENERATOR_ENV.rawStream} is not set (name or ARN of the raw Kinesis stream)`);
  const inRange = (n: number) => Number.isInteger(n) && n >= MIN_EVENTS_PER_RUN && n <= MAX_EVENTS_PER_RUN;
  const range = `a whole number ${MIN_EVENTS_PER_RUN}..${MAX_EVENTS_PER_RUN}`;
  const minEvents = numberVar(env, GENERATOR_ENV.minEvents, MIN_EVENTS_PER_RUN, inRange, range);
  const maxEvents = numberVar(env, GENERATOR_ENV.maxEvents, MAX_EVENTS_PER_RUN, inRange, range);
  if (minEvents > maxEvents) {
    throw new RangeError(`${GENERATOR_ENV.minEvents}=${minEvents} is greater than ${GENERATOR_ENV.maxEvents}=${maxEvents}`);
  }
  const ratio = (n: number) => Number.isFinite(n) && n >= 0 && n < 0.5;
  const gameId = env[GENERATOR_ENV.gameId]?.trim();
  return {
    rawStream,
    minEvents,
    maxEvents,
    duplicateRatio: numberVar(env, GENERATOR_ENV.duplicateRatio, DEFAULT_DUPLICATE_RATIO, ratio, "a number in [0, 0.5)"),
    invalidRatio: numberVar(env, GENERATOR_ENV.invalidRatio, DEFAULT_INVALID_RATIO, ratio, "a number in [0, 0.5)"),
    ...(gameId ? { gameId } : {}),
  };
}
