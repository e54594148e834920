import type { SilverEvent } from "./envelope";

const PARAMETER_PREFIX = "parameters.";

function fieldValue(event: SilverEvent, field: string): unknown {
  if (field.startsWith(PARAMETER_PREFIX)) {
    const name = field.slice(PARAMETER_PREFIX.length);
    return Object.hasOwn(event.parameters, name) ? event.parameters[name] : null;
  }
  return (event as unknown as Record<string, unknown>)[field] ?? null;
}

/**
 * The dedup key of an event over `fields` (SILVER names, or `parameters.<name>`).
 * One field whose value is a string not starting with "[" → that string (the default event_id key stays
 * readable in the store); anything else → the JSON array of the values, e.g. ["u1","e1"]. JSON arrays
 * always start with "[", so the two forms never collide, and JSON encoding makes compound keys
 * unambiguous ("a|b"+"c" and "a"+"b|c" differ). Missing values are null.
 */
export function dedupKeyOf(event: SilverEvent, fields: readonly string[]): string {
  if (fields.length === 1) {
    const value = fieldValue(event, fields[0]);
    if (typeof value === "string" && value.charCodeAt(0) !== 0x5b /* [ */) return value;
    return JSON.stringify([value]);
  }
  const values = new Array<unknown>(fields.length);
  for (let i = 0; i < fields.length; i++) values[i] = fieldValue(event, fields[i]);
  return JSON.stringify(values);
}
