/**
 * Documentation rows derived from the zod schema: the README's config reference and the config
 * block of Pulumi.yaml are generated from these, so neither can drift from the code.
 */
import { z } from "zod";
import { CONFIG_NAMESPACE, TELEMETRY_FIELDS, telemetrySchema } from "./config";

export interface ConfigDocRow {
  /** `telemetry:load.peakEventsPerSecond` */
  key: string;
  type: string;
  /** JSON of the default, or "—" (derived / unset). */
  defaultValue: string;
  description: string;
}

export function configDocRows(): ConfigDocRow[] {
  const rows: ConfigDocRow[] = [];
  for (const [key, schema] of Object.entries(TELEMETRY_FIELDS)) walk(`${CONFIG_NAMESPACE}:${key}`, schema as z.ZodTypeAny, rows);
  return rows;
}

/** Top-level defaults (`telemetry:<key>` → value) as the program fills them in. */
export function topLevelDefaults(): Record<string, unknown> {
  return telemetrySchema.parse({});
}

export function topLevelDescription(key: string): string {
  const schema = (TELEMETRY_FIELDS as Record<string, z.ZodTypeAny>)[key];
  return schema.description ?? describeInner(schema) ?? "";
}

function walk(key: string, schema: z.ZodTypeAny, rows: ConfigDocRow[]): void {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && !(inner instanceof z.ZodRecord)) {
    for (const [field, child] of Object.entries(inner.shape)) walk(`${key}.${field}`, child as z.ZodTypeAny, rows);
    return;
  }
  rows.push({ key, type: typeName(inner), defaultValue: defaultOf(schema), description: schema.description ?? describeInner(schema) ?? "" });
}

function describeInner(schema: z.ZodTypeAny): string | undefined {
  let current: z.ZodTypeAny = schema;
  for (;;) {
    if (current.description) return current.description;
    const next = step(current);
    if (!next) return undefined;
    current = next;
  }
}

function step(schema: z.ZodTypeAny): z.ZodTypeAny | undefined {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return schema._def.innerType;
  if (schema instanceof z.ZodEffects) return schema._def.schema;
  return undefined;
}

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let current = schema;
  for (let next = step(current); next; next = step(current)) current = next;
  return current;
}

function defaultOf(schema: z.ZodTypeAny): string {
  let current: z.ZodTypeAny | undefined = schema;
  while (current) {
    if (current instanceof z.ZodDefault) return JSON.stringify(current._def.defaultValue());
    current = step(current);
  }
  return "—";
}

function typeName(schema: z.ZodTypeAny): string {
  if (schema instanceof z.ZodEnum) return (schema.options as string[]).map((o) => `\`${o}\``).join(" · ");
  if (schema instanceof z.ZodNumber) return schema.isInt ? "integer" : "number";
  if (schema instanceof z.ZodString) return "string";
  if (schema instanceof z.ZodBoolean) return "boolean";
  if (schema instanceof z.ZodArray) return `list of ${typeName(unwrap(schema.element))}`;
  if (schema instanceof z.ZodRecord) return "map of string";
  return "object";
}
