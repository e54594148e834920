/**
 * Seed 004's header fingerprint: lake files are named `<table>/<fingerprint>-<uuid>.csv[.gz]` where the
 * fingerprint is a checksum of the CSV header's column names, so the loader can build a COPY column list
 * without opening every object. The fingerprint is the first 16 hex digits of SHA-256 over the column
 * names joined by "\n" — writers must use `headerFingerprint` (exported for them) to name their files.
 */
import { createHash } from "node:crypto";
import { assertIdentifier } from "./sql-text";

export const FINGERPRINT_PATTERN = /^[0-9a-f]{16}$/;

export function headerFingerprint(columns: readonly string[]): string {
  return createHash("sha256").update(columns.join("\n"), "utf8").digest("hex").slice(0, 16);
}

/**
 * Parses the first line of a CSV file (RFC 4180 quoting) into validated column names.
 * `text` may hold more than the first line; only the header is read.
 */
export function parseHeaderLine(text: string): string[] {
  const columns: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      columns.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      break;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new Error("CSV header has an unterminated quoted column name (or the header was cut off before its end)");
  if (i === text.length && !/[\r\n]/.test(text)) {
    throw new Error("CSV header line has no line end in the bytes read: it is longer than the read window or the file has no data rows");
  }
  columns.push(cell);
  const names = columns.map((c) => assertIdentifier(c.trim(), "CSV header column"));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`CSV header repeats column ${JSON.stringify(name)}`);
    seen.add(name);
  }
  return names;
}

/**
 * Header rows by fingerprint. Lambda keeps module state between invocations, so one header read
 * per fingerprint per container is enough (seed 004's "cached list of header rows by fingerprint").
 */
export class HeaderCache {
  private readonly byFingerprint = new Map<string, string[]>();

  get(fingerprint: string): string[] | undefined {
    return this.byFingerprint.get(fingerprint);
  }

  /** Stores a header read from a file named with `fingerprint`; refuses a header that does not hash to it. */
  remember(fingerprint: string, columns: string[], sourceKey: string): string[] {
    const actual = headerFingerprint(columns);
    if (actual !== fingerprint) {
      throw new Error(`header of ${sourceKey} (${columns.join(",")}) has fingerprint ${actual}, but the file name says ${fingerprint}`);
    }
    this.byFingerprint.set(fingerprint, columns);
    return columns;
  }
}
