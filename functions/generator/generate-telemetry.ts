import type { ReasonCode } from "../core";
import { newPlayer, playSession, type GameEvent, type Player } from "./game-session";
import { invalidRecord } from "./invalid-records";
import { createRandom } from "./prng";

export interface GeneratorOptions {
  /** Records to produce (valid + duplicates + invalid). */
  events: number;
  /** Fraction of records that are exact copies of an earlier valid record. */
  duplicateRatio: number;
  /** Fraction of records that are invalid (each bound to dead-letter with a known reason). */
  invalidRatio: number;
  seed: string | number;
  /** Epoch ms; event timestamps fall in [now − spreadMinutes, now]. */
  nowMs: number;
  spreadMinutes: number;
  gameId?: string;
}

export type GeneratedRecord =
  | { kind: "valid"; line: string; event: GameEvent }
  | { kind: "duplicate"; line: string; event: GameEvent }
  | { kind: "invalid"; line: string; reason: ReasonCode; event: GameEvent };

export const DEFAULT_SPREAD_MINUTES = 60;
/** Stays well inside the core's default 7-day age limit. */
export const MAX_SPREAD_MINUTES = 24 * 60;
/** Sessions per player pool member: a pool of ~events/40 players keeps users recurring. */
const EVENTS_PER_PLAYER = 40;

function checkRatio(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new RangeError(`${name} must be a number in [0, 1), got ${value}`);
  }
}

/** How many records of each kind a run of `events` produces (rounded, so ratios are exact ±0.5/events). */
export function recordCounts(options: Pick<GeneratorOptions, "events" | "duplicateRatio" | "invalidRatio">) {
  if (!Number.isInteger(options.events) || options.events < 1) {
    throw new RangeError(`events must be a whole number ≥ 1, got ${options.events}`);
  }
  checkRatio("duplicateRatio", options.duplicateRatio);
  checkRatio("invalidRatio", options.invalidRatio);
  const duplicates = Math.round(options.events * options.duplicateRatio);
  const invalid = Math.round(options.events * options.invalidRatio);
  const valid = options.events - duplicates - invalid;
  if (valid < 1) {
    throw new RangeError(
      `duplicateRatio + invalidRatio leave no valid events (${options.duplicateRatio} + ${options.invalidRatio} of ${options.events})`,
    );
  }
  return { valid, duplicates, invalid };
}

/**
 * A reproducible run of synthetic game telemetry: sessions of recurring players, interleaved in
 * time order, with exact counts of duplicates (each placed after its original, as a client resend
 * would be) and invalid records (at random places). Same options → same records, byte for byte.
 */
export function generateTelemetry(options: GeneratorOptions): GeneratedRecord[] {
  const counts = recordCounts(options);
  if (!(options.spreadMinutes > 0 && options.spreadMinutes <= MAX_SPREAD_MINUTES)) {
    throw new RangeError(`spreadMinutes must be in (0, ${MAX_SPREAD_MINUTES}], got ${options.spreadMinutes}`);
  }
  const random = createRandom(options.seed);
  const spreadMs = options.spreadMinutes * 60_000;
  const players: Player[] = Array.from({ length: Math.max(1, Math.ceil(counts.valid / EVENTS_PER_PLAYER)) }, () => newPlayer(random));

  const valid: GameEvent[] = [];
  while (valid.length < counts.valid) {
    const startMs = options.nowMs - spreadMs + Math.floor(random.next() * spreadMs * 0.9);
    valid.push(...playSession(random, random.pick(players), startMs, counts.valid - valid.length, options.gameId));
  }
  // Sessions overlap in time; a stream sees them interleaved. Sessions never run past `now`
  // because they start in the first 90% of the spread and last minutes.
  valid.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  for (const event of valid) {
    if (Date.parse(event.timestamp) > options.nowMs) event.timestamp = new Date(options.nowMs).toISOString();
  }

  // Order by a sort key: valid record i has key i; a duplicate of i lands after i; invalid anywhere.
  const placed: Array<{ key: number; record: GeneratedRecord }> = valid.map((event, i) => ({
    key: i,
    record: { kind: "valid", line: JSON.stringify(event), event },
  }));
  for (let n = 0; n < counts.duplicates; n++) {
    const original = random.int(0, valid.length - 1);
    const key = original + 0.5 + random.next() * (valid.length - original - 0.5);
    placed.push({ key, record: { kind: "duplicate", line: placed[original].record.line, event: valid[original] } });
  }
  for (let n = 0; n < counts.invalid; n++) {
    const base = valid[random.int(0, valid.length - 1)];
    const { line, reason } = invalidRecord(random, base, options.nowMs);
    placed.push({ key: random.next() * valid.length, record: { kind: "invalid", line, reason, event: base } });
  }
  return placed.sort((a, b) => a.key - b.key).map((entry) => entry.record);
}
