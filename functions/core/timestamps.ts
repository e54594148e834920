/**
 * Timestamp rules (documented in docs/event-contract.md):
 * - ISO-8601 date-time `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|±HH[:MM]]`; no offset means UTC
 *   (Python's datetime.utcnow().isoformat() writes none). Fractions beyond milliseconds are truncated.
 * - A number, or a string of digits with an optional decimal part, is epoch time:
 *   below 1e11 it is seconds (1e11 s is the year 5138), otherwise milliseconds (1e11 ms is 1973-03-03).
 * - Accepted instants: 1970-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z.
 * The ISO parser is hand-written (no regex captures, no Date objects): it runs for every event.
 */
export const EPOCH_SECONDS_BELOW = 1e11;
/** 9999-12-31T23:59:59.999Z: keeps the ISO output at a 4-digit year. */
export const MAX_EPOCH_MS = 253_402_300_799_999;

const NUMERIC = /^\d+(?:\.\d+)?$/;
const CHAR_0 = 48;
const CUMULATIVE_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function epochToMs(value: number): number | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const ms = value < EPOCH_SECONDS_BELOW ? Math.round(value * 1000) : Math.round(value);
  return ms <= MAX_EPOCH_MS ? ms : null;
}

/** The number written by `count` ASCII digits at `start`, or -1 if any is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - CHAR_0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  // Past the end charCodeAt is NaN, which slips through the comparisons above and poisons n.
  return Number.isNaN(n) ? -1 : n;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
function daysFromEpoch(year: number, month: number, day: number): number {
  const y = year - 1;
  const leapDaysBefore = Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
  const daysBeforeYear = y * 365 + leapDaysBefore - 719_162; // 719162 = days from 0001-01-01 to 1970-01-01
  const leapAdjust = month > 2 && isLeapYear(year) ? 1 : 0;
  return daysBeforeYear + CUMULATIVE_DAYS[month - 1] + leapAdjust + day - 1;
}

function isoToMs(text: string): number | null {
  const length = text.length;
  if (length < 16) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const separator = text.charCodeAt(10);
  if (
    year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
    text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 /* : */ ||
    (separator !== 84 /* T */ && separator !== 116 /* t */ && separator !== 32 /* space */)
  ) {
    return null;
  }
  if (day > daysInMonth(year, month)) return null;
  let pos = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(pos) === 58 /* : */) {
    second = digitsAt(text, pos + 1, 2);
    if (second < 0 || second > 59) return null;
    pos += 3;
    const mark = text.charCodeAt(pos);
    if (mark === 46 /* . */ || mark === 44 /* , */) {
      pos++;
      const fractionStart = pos;
      let scale = 100;
      for (let d = text.charCodeAt(pos) - CHAR_0; d >= 0 && d <= 9; d = text.charCodeAt(pos) - CHAR_0) {
        millis += d * scale;
        scale /= 10;
        pos++;
      }
      if (pos === fractionStart) return null;
      millis = Math.floor(millis);
    }
  }
  let offsetMinutes = 0;
  if (pos < length) {
    const zone = text.charCodeAt(pos);
    if (zone === 90 /* Z */ || zone === 122 /* z */) {
      if (pos + 1 !== length) return null;
    } else if (zone === 43 /* + */ || zone === 45 /* - */) {
      const offsetHours = digitsAt(text, pos + 1, 2);
      pos += 3;
      let offsetMins = 0;
      if (pos < length) {
        if (text.charCodeAt(pos) === 58) pos++;
        offsetMins = digitsAt(text, pos, 2);
        pos += 2;
      }
      if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59 || pos !== length) return null;
      offsetMinutes = (offsetHours * 60 + offsetMins) * (zone === 45 ? -1 : 1);
    } else {
      return null;
    }
  }
  const ms = ((daysFromEpoch(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + millis;
  return ms >= 0 && ms <= MAX_EPOCH_MS ? ms : null;
}

/** Epoch ms of a timestamp value, or null when it is not a timestamp under the rules above. */
export function parseTimestampMs(value: unknown): number | null {
  if (typeof value === "number") return epochToMs(value);
  if (typeof value !== "string") return null;
  const text = value.length > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) ? value.trim() : value;
  if (text.charCodeAt(4) === 45 /* - */) return isoToMs(text);
  return NUMERIC.test(text) ? epochToMs(Number(text)) : null;
}

/** UTC ISO-8601 with milliseconds, e.g. 2026-11-22T05:00:00.000Z */
export function toIsoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The canonical form of a timestamp already parsed to `ms`. When the input is already exactly
 * `YYYY-MM-DDTHH:MM:SS.sssZ` (what most producers send) it is returned as-is, skipping a Date
 * allocation: the parser has validated every digit and range, so it equals toIsoMs(ms).
 */
export function canonicalIso(value: unknown, ms: number): string {
  if (
    typeof value === "string" && value.length === 24 && value.charCodeAt(10) === 84 /* T */ &&
    value.charCodeAt(16) === 58 && value.charCodeAt(19) === 46 /* . */ && value.charCodeAt(23) === 90 /* Z */
  ) {
    return value;
  }
  return toIsoMs(ms);
}
