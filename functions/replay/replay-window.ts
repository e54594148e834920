/**
 * The time window of a replay and the RAW-zone hour partitions covering it. Firehose writes records
 * under `raw/year=YYYY/month=MM/day=DD/hour=HH/` by arrival hour (UTC), so a window [from, to) needs
 * every hour partition that overlaps it.
 */

export interface ReplayWindow {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
}

const HOUR_MS = 3_600_000;
/** A month of hour partitions; a longer replay should be split (and is refused as a likely typo). */
export const MAX_REPLAY_HOURS = 31 * 24;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(name: string, value: string): number {
  const ms = ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} ${JSON.stringify(value)} is invalid; allowed: an ISO-8601 instant with a zone, e.g. 2026-11-22T05:00:00Z`);
  return ms;
}

export function replayWindow(from: string, to: string, maxHours = MAX_REPLAY_HOURS): ReplayWindow {
  const fromMs = instant("--from", from);
  const toMs = instant("--to", to);
  if (toMs <= fromMs) throw new RangeError(`--to ${to} must be later than --from ${from}`);
  const hours = (toMs - fromMs) / HOUR_MS;
  if (hours > maxHours) throw new RangeError(`window of ${hours.toFixed(1)} hours is longer than ${maxHours}; replay it in parts`);
  return { fromMs, toMs };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** `<prefix>year=…/month=…/day=…/hour=…/` of every hour overlapping [fromMs, toMs), oldest first. */
export function hourPartitionPrefixes(prefix: string, window: ReplayWindow): string[] {
  const prefixes: string[] = [];
  for (let hour = Math.floor(window.fromMs / HOUR_MS) * HOUR_MS; hour < window.toMs; hour += HOUR_MS) {
    const d = new Date(hour);
    prefixes.push(`${prefix}year=${d.getUTCFullYear()}/month=${pad(d.getUTCMonth() + 1)}/day=${pad(d.getUTCDate())}/hour=${pad(d.getUTCHours())}/`);
  }
  return prefixes;
}
