import { Rejection } from "./rejection";

/**
 * Decoder reused for every record: fatal, so invalid UTF-8 throws instead of becoming U+FFFD;
 * ignoreBOM false, so a leading UTF-8 byte-order mark is stripped.
 */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

const WHITESPACE_ONLY = /^[\s\uFEFF]*$/;

/**
 * Bytes → JSON object, or the reason it is not one. The size limit is enforced on the raw bytes
 * before any decoding, so an oversized record costs nothing but its length check. The happy path is
 * one UTF-8 decode and one JSON.parse; empty and binary inputs are told apart only after a parse failure.
 */
export function parseRecord(data: Uint8Array, maxRecordBytes: number): Record<string, unknown> | Rejection {
  if (data.byteLength === 0) return new Rejection("EMPTY_RECORD", "the record is empty (0 bytes)");
  if (data.byteLength > maxRecordBytes) {
    return new Rejection("RECORD_TOO_LARGE", `the record is ${data.byteLength} bytes; the limit is ${maxRecordBytes} bytes`);
  }
  let text: string;
  try {
    text = UTF8.decode(data);
  } catch {
    return new Rejection("INVALID_ENCODING", "the record is not valid UTF-8");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (WHITESPACE_ONLY.test(text)) {
      return new Rejection("EMPTY_RECORD", "the record holds only whitespace or a byte-order mark");
    }
    if (text.includes("\u0000")) return new Rejection("INVALID_ENCODING", "the record contains NUL bytes (binary data)");
    return new Rejection("MALFORMED_JSON", `the record is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return new Rejection("NOT_AN_OBJECT", `the record is a JSON ${jsonKind(value)}, not an object`);
  }
  return value as Record<string, unknown>;
}

/** JSON type name of a parsed value, for messages. */
export function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
