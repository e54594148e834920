/**
 * The API Gateway mapping templates (VTL files next to this module), rendered with the values they
 * need. Placeholders are `@@NAME@@`; rendering refuses to leave one unfilled or fill an unknown one.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { USER_ID_FIELDS } from "../../../functions/ingest-api/partition-key";
import { MAX_PARTITION_KEY_CHARS } from "../../../functions/kinesis/limits";

export const TEMPLATE_FILES = {
  putRecordsRequest: "put-records-request.vtl",
  putRecordsResponse: "put-records-response.vtl",
  streamErrorResponse: "stream-error-response.vtl",
} as const;

export type TemplateName = keyof typeof TEMPLATE_FILES;

export function readTemplate(name: TemplateName): string {
  return readFileSync(path.join(__dirname, TEMPLATE_FILES[name]), "utf8");
}

/** Placeholders a template still contains. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/@@([A-Z_]+)@@/g)].map((m) => m[1]))].sort();
}

export function renderTemplate(template: string, values: Record<string, string>): string {
  const wanted = placeholdersOf(template);
  const given = Object.keys(values).sort();
  const missing = wanted.filter((name) => !given.includes(name));
  const unknown = given.filter((name) => !wanted.includes(name));
  if (missing.length || unknown.length) {
    throw new RangeError(`template placeholders: missing ${missing.join(", ") || "none"}; unknown ${unknown.join(", ") || "none"}`);
  }
  return template.replace(/@@([A-Z_]+)@@/g, (_, name: string) => values[name]);
}

/** A VTL list literal of the user-id field names (single-quoted: no interpolation). */
export function vtlStringList(values: readonly string[]): string {
  for (const value of values) {
    if (!/^[A-Za-z0-9_.-]+$/.test(value)) throw new RangeError(`field name ${JSON.stringify(value)} cannot be placed in a VTL literal`);
  }
  return values.map((value) => `'${value}'`).join(", ");
}

/** The PutRecords request template for one stream. */
export function putRecordsRequestTemplate(streamName: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(streamName)) throw new RangeError(`stream name ${JSON.stringify(streamName)} is not a Kinesis stream name`);
  return renderTemplate(readTemplate("putRecordsRequest"), {
    STREAM_NAME: streamName,
    USER_ID_FIELDS: vtlStringList(USER_ID_FIELDS),
    MAX_PARTITION_KEY_CHARS: String(MAX_PARTITION_KEY_CHARS),
  });
}

export function putRecordsResponseTemplate(): string {
  return renderTemplate(readTemplate("putRecordsResponse"), {});
}

export function streamErrorResponseTemplate(errorCode: string): string {
  if (!/^[A-Z_]+$/.test(errorCode)) throw new RangeError(`error code ${JSON.stringify(errorCode)} must be UPPER_SNAKE_CASE`);
  return renderTemplate(readTemplate("streamErrorResponse"), { ERROR_CODE: errorCode });
}
