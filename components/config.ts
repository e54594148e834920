/**
 * The `telemetry` config namespace: schema, defaults and validation. Pure — no Pulumi resources.
 *
 * Defaults live here (mocks do not read Pulumi.yaml) and are mirrored in Pulumi.yaml, which a test
 * keeps in step. Every bad value fails before any resource is created, with one message that names
 * the key, the value and what is allowed.
 */
import { z } from "zod";
import { MAX_EVENTS_PER_REQUEST } from "../functions/ingest-api/contract";
import { heavySchema } from "./config-heavy";
import { gcpSchema } from "./config-gcp";
import { mskSchema } from "./config-msk";

export const VARIANTS = ["aws-native", "aws-msk", "gcp-native", "gcp-kafka"] as const;
export type Variant = (typeof VARIANTS)[number];
export const TIERS = ["light", "heavy"] as const;
export type Tier = (typeof TIERS)[number];
export const AUTH_MODES = ["apiKey", "cognito", "iam"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Kinesis retention bounds (hours): 24 h minimum, 365 days maximum. */
export const STREAM_RETENTION_HOURS = { min: 24, max: 8760 } as const;

/** Largest event accepted when clean events are also written to the DynamoDB SILVER staging table. */
export const SILVER_STAGING_MAX_RECORD_BYTES = 65_536;

/** SILVER field names a dedup key may be built from. */
export const DEDUP_KEY_FIELD_NAMES = ["event_id", "user_id", "session_id", "game_id", "event_type", "event_timestamp"] as const;

const positiveInt = (max: number) => z.number().int().min(1).max(max);

const loadSchema = z
  .object({
    peakEventsPerSecond: positiveInt(2_000_000).default(200).describe("Peak ingest rate the stack is sized for (events/s)."),
    averageEventsPerSecond: positiveInt(2_000_000).default(50).describe("Average ingest rate (events/s); drives storage and cost."),
    averageEventBytes: z.number().int().min(64).max(1_048_576).default(1024).describe("Average event size in bytes."),
    eventsPerRequest: positiveInt(MAX_EVENTS_PER_REQUEST).default(100).describe(`Average events per ingest request (1–${MAX_EVENTS_PER_REQUEST}); drives API throttling.`),
  })
  .strict()
  .superRefine((load, ctx) => {
    // Only compare two values that are themselves valid; otherwise their own messages say enough.
    if (load.peakEventsPerSecond >= 1 && load.averageEventsPerSecond > load.peakEventsPerSecond) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must not exceed peakEventsPerSecond (${load.peakEventsPerSecond})`,
        path: ["averageEventsPerSecond"],
      });
    }
  });

const sizingSchema = z
  .object({
    kinesisMode: z.enum(["ON_DEMAND", "PROVISIONED"]).optional().describe("Override the derived Kinesis capacity mode."),
    rawShards: positiveInt(10_000).optional().describe("Override the derived shard count of the raw and clean streams."),
    headroom: z.number().min(1).max(4).default(1.2).describe("Multiplier on the computed shard need (≥ 1)."),
    onDemandBelowShards: z.number().int().min(0).max(200).default(4).describe("Use ON_DEMAND when the computed need is at most this many shards."),
    lambdaBatchSize: z.number().int().min(1).max(10_000).optional().describe("Override the processor's Kinesis batch size (1–10,000)."),
    lambdaBatchingWindowSeconds: z.number().int().min(0).max(300).optional().describe("Override the processor's batching window (0–300 s)."),
    parallelizationFactor: z.number().int().min(1).max(10).optional().describe("Override the processor's per-shard concurrency (1–10)."),
    processorMemoryMiB: z.number().int().min(128).max(10_240).default(1024).describe("Processor Lambda memory (MiB)."),
    firehoseBufferMiB: z.number().int().min(1).max(128).optional().describe("Override the Firehose buffer size (1–128 MiB; 64+ with Parquet)."),
    firehoseBufferSeconds: z.number().int().min(0).max(900).optional().describe("Override the Firehose buffer interval (0–900 s)."),
    apiRateLimit: z.number().min(1).optional().describe("Override the API stage's steady request rate limit (requests/s)."),
    apiBurstLimit: z.number().int().min(1).optional().describe("Override the API stage's burst limit (requests)."),
  })
  .strict();

const eventSchema = z
  .object({
    maxRecordBytes: z.number().int().min(256).max(1_048_576).default(65_536).describe("Largest accepted event (bytes); Kinesis caps a record at 1 MiB."),
    maxDepth: z.number().int().min(2).max(64).default(8).describe("Deepest accepted JSON nesting."),
    maxFields: z.number().int().min(8).max(10_000).default(256).describe("Most keys accepted across one event's object tree."),
    maxAgeDays: z.number().int().min(1).max(3650).default(7).describe("Older events are dead-lettered as TIMESTAMP_TOO_OLD."),
  })
  .strict();

const zoneDays = (fallback: number, what: string) => z.number().int().min(1).max(36_500).default(fallback).describe(what);

const retentionSchema = z
  .object({
    streamHours: z.number().int().min(STREAM_RETENTION_HOURS.min).max(STREAM_RETENTION_HOURS.max).default(24).describe("Stream retention in hours (24–8,760)."),
    logDays: z
      .number()
      .int()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), { message: `must be one of ${LOG_RETENTION_DAYS.join(", ")}` })
      .default(30)
      .describe("CloudWatch Logs retention in days (AWS; on GCP, logs follow the project's Cloud Logging buckets)."),
    accessLogDays: zoneDays(90, "Days to keep S3 server access logs."),
    zones: z
      .object({
        raw: zoneDays(90, "Days to keep RAW zone objects."),
        silver: zoneDays(365, "Days to keep SILVER zone objects."),
        gold: zoneDays(730, "Days to keep GOLD zone objects."),
        deadLetter: zoneDays(30, "Days to keep dead-letter objects."),
      })
      .strict()
      .default({}),
  })
  .strict();

const alertsSchema = z
  .object({
    email: z.string().email().optional().describe("Address subscribed to the alert topic / notification channel."),
    deadLetterRatePercent: z.number().gt(0).max(100).default(1).describe("Alarm when dead letters exceed this % of processed events."),
    iteratorAgeSeconds: z.number().int().min(1).default(300).describe("Alarm when the processor falls this far behind (s)."),
    freshnessSeconds: z.number().int().min(60).default(900).describe("Alarm when delivery to the lake is older than this (s)."),
    apiErrorRatePercent: z.number().gt(0).max(100).default(1).describe("Alarm when API 5XX responses exceed this % of requests."),
  })
  .strict();

const telemetryObject = z
  .object({
    variant: z.enum(VARIANTS).default("aws-native").describe("Stream layer and cloud."),
    tier: z.enum(TIERS).default("light").describe("Seed 000's lightweight or heavyweight pipeline."),
    load: loadSchema.default({}).describe("Sizing input; shards, partitions, buffers and parallelism are derived from it."),
    sizing: sizingSchema.default({}).describe("Overrides of derived sizing."),
    dedupWindowMinutes: z.number().int().min(1).max(10_080).default(30).describe("How long an event key is remembered for deduplication."),
    dedupKeyFields: z
      .array(z.enum(DEDUP_KEY_FIELD_NAMES))
      .min(1)
      .max(4)
      .refine((fields) => new Set(fields).size === fields.length, { message: "fields must not repeat" })
      .default(["event_id"])
      .describe("SILVER fields forming the dedup key."),
    event: eventSchema.default({}).describe("Validation limits applied to every event."),
    retention: retentionSchema.default({}).describe("Retention per stream, log and lake zone."),
    auth: z
      .array(z.enum(AUTH_MODES))
      .min(1)
      .refine((modes) => new Set(modes).size === modes.length, { message: "modes must not repeat" })
      .default(["apiKey"])
      .describe("Ingestion authorisers: apiKey (Lambda authorizer), cognito, iam."),
    alerts: alertsSchema.default({}).describe("Alert destination and thresholds."),
    silverStagingTable: z.boolean().default(false).describe("Also write clean events to seed 000's DynamoDB SILVER staging table."),
    tracing: z.boolean().default(false).describe("Active AWS X-Ray tracing on the ingest API stage and every Lambda function."),
    protectData: z.boolean().default(false).describe("Protect stateful stores (buckets, tables, streams) from deletion; on in prod."),
    msk: mskSchema.default({}).describe("aws-msk variant settings."),
    gcp: gcpSchema.default({}).describe("gcp-native / gcp-kafka variant settings."),
    heavy: heavySchema.default({}).describe("Heavy-tier settings."),
    tags: z
      .record(z.string().regex(/^[\w.:/=+@ -]{1,128}$/, { message: "tag keys must be 1–128 characters of letters, digits, spaces and _ . : / = + - @" }), z.string().max(256))
      .default({})
      .describe("Extra tags (AWS) / labels (GCP) on every resource."),
  })
  .strict();

/** The fields of the namespace, by key (for docs and Pulumi.yaml generation). */
export const TELEMETRY_FIELDS = telemetryObject.shape;

export const telemetrySchema = telemetryObject.superRefine((config, ctx) => {
  // The heavy tier's Flink job writes SILVER to S3 only; the DynamoDB staging table is a light-tier store.
  if (config.silverStagingTable && config.tier === "heavy") {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["silverStagingTable"],
      message: "allowed only with telemetry:tier = \"light\" (the heavy tier's Flink job writes SILVER to S3 only)",
    });
  }
    // A re-serialised event can grow ~5× (number formatting); above 64 KiB an item could pass
    // DynamoDB's 400 KB limit, so the SILVER staging table caps the accepted record size.
    if (config.silverStagingTable && config.event.maxRecordBytes > SILVER_STAGING_MAX_RECORD_BYTES) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["event", "maxRecordBytes"],
        message: `must be ≤ ${SILVER_STAGING_MAX_RECORD_BYTES} while telemetry:silverStagingTable is true (DynamoDB items are limited to 400 KB)`,
      });
    }
  });

export type TelemetryConfig = z.infer<typeof telemetrySchema>;
export type LoadConfig = TelemetryConfig["load"];

/** The config keys users set, e.g. `telemetry:load`. */
export const CONFIG_KEYS = Object.keys(TELEMETRY_FIELDS) as Array<keyof TelemetryConfig>;
export const CONFIG_NAMESPACE = "telemetry";

/** A config value the program cannot accept. The message names the key, the value and what is allowed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/**
 * Validates raw config (already JSON-decoded per key) and fills defaults.
 * @throws ConfigError listing every problem, one line each.
 */
export function parseTelemetryConfig(raw: Record<string, unknown>): TelemetryConfig {
  const unknownKeys = Object.keys(raw).filter((key) => !(CONFIG_KEYS as string[]).includes(key));
  if (unknownKeys.length > 0) {
    throw new ConfigError(
      unknownKeys.map((key) => `${CONFIG_NAMESPACE}:${key} is not a known key; allowed keys: ${CONFIG_KEYS.join(", ")}`).join("\n"),
    );
  }
  const parsed = telemetrySchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => describeIssue(issue, raw)).join("\n"));
  }
  return parsed.data;
}

function describeIssue(issue: z.ZodIssue, raw: Record<string, unknown>): string {
  const [key, ...rest] = issue.path.map(String);
  const where = `${CONFIG_NAMESPACE}:${key}${rest.length ? "." + rest.join(".") : ""}`;
  const value = valueAt(raw, issue.path);
  return `${where} = ${JSON.stringify(value) ?? "(missing)"} is invalid: ${allowedText(issue)}`;
}

function valueAt(raw: unknown, path: Array<string | number>): unknown {
  let current: unknown = raw;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** Field names of the object schema at a config path (for "unknown field" messages). */
function fieldsAt(path: Array<string | number>): string[] {
  let schema: z.ZodTypeAny = telemetrySchema;
  for (const part of path) {
    schema = unwrap(schema);
    if (!(schema instanceof z.ZodObject)) return [];
    schema = schema.shape[part];
    if (!schema) return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The regex a string field must match, for messages of schemas that give none of their own. */
function patternAt(path: Array<string | number>): string | undefined {
  let schema: z.ZodTypeAny | undefined = telemetrySchema;
  for (const part of path) {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) schema = inner.shape[part];
    else if (inner instanceof z.ZodArray) schema = inner.element;
    else return undefined;
    if (!schema) return undefined;
  }
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodString)) return undefined;
  const check = inner._def.checks.find((c) => c.kind === "regex") as { regex: RegExp } | undefined;
  return check ? String(check.regex) : undefined;
}

function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodDefault) current = current._def.innerType;
    else if (current instanceof z.ZodOptional) current = current._def.innerType;
    else if (current instanceof z.ZodEffects) current = current._def.schema;
    else return current;
  }
}

function allowedText(issue: z.ZodIssue): string {
  switch (issue.code) {
    case "invalid_enum_value":
      return `allowed values: ${issue.options.map((o) => JSON.stringify(o)).join(", ")}`;
    case "invalid_type":
      return `expected ${issue.expected}, got ${issue.received}`;
    case "too_small":
      return issue.type === "array"
        ? `needs at least ${issue.minimum} item(s)`
        : issue.type === "string"
          ? `needs at least ${issue.minimum} character(s)`
          : `must be ${issue.inclusive ? "≥" : ">"} ${issue.minimum}`;
    case "too_big":
      return issue.type === "array"
        ? `allows at most ${issue.maximum} item(s)`
        : issue.type === "string"
          ? `allows at most ${issue.maximum} character(s)`
          : `must be ${issue.inclusive ? "≤" : "<"} ${issue.maximum}`;
    case "unrecognized_keys":
      return `unknown field(s) ${issue.keys.join(", ")}; allowed fields: ${fieldsAt(issue.path).join(", ")}`;
    case "invalid_string":
      if (issue.validation === "email") return "expected an email address";
      return issue.message !== "Invalid" ? issue.message : `must match ${patternAt(issue.path) ?? String(issue.validation)}`;
    default:
      return issue.message;
  }
}
