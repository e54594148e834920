/**
 * The GOLD exporter's settings (environment, set by the GoldBatch component) and its invocation input
 * (the state machine's payload). Bad values fail with the key, the value and what is allowed.
 */
import { z } from "zod";

const prefix = z.string().refine((v) => /^[^/].*\/$/.test(v), { message: "must be a non-empty prefix ending with '/', not starting with '/'" });

const envSchema = z.object({
  TABLE_NAME: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, "must be a DynamoDB table name"),
  RESULT_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name"),
  RESULT_PREFIX: prefix,
  TTL_DAYS: z.coerce.number().int().min(1).max(36_500),
  WRITE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
});

export interface ExporterConfig {
  tableName: string;
  resultBucket: string;
  resultPrefix: string;
  ttlDays: number;
  writeConcurrency: number;
}

export interface ExportRequest {
  runDate: string;
  runId: string;
  /** The result CSV: bucket and key (inside RESULT_BUCKET/RESULT_PREFIX). */
  result: { bucket: string; key: string };
}

function describe(error: z.ZodError, source: Record<string, unknown>): string {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}=${JSON.stringify(i.path.length ? source[String(i.path[0])] : source)}: ${i.message}`).join("; ");
}

export function exporterConfigFromEnv(env: Record<string, string | undefined>): ExporterConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`gold exporter configuration invalid: ${describe(parsed.error, env)}`);
  const e = parsed.data;
  return { tableName: e.TABLE_NAME, resultBucket: e.RESULT_BUCKET, resultPrefix: e.RESULT_PREFIX, ttlDays: e.TTL_DAYS, writeConcurrency: e.WRITE_CONCURRENCY };
}

const eventSchema = z.object({
  run_date: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date YYYY-MM-DD"),
  // Execution names are 1–80 characters without whitespace or control characters (kept on the item as-is).
  run_id: z.string().regex(/^[^\s\u0000-\u001f\u007f]{1,80}$/, "must be a Step Functions execution name (1–80 characters, no whitespace)"),
  result_location: z.string().regex(/^s3:\/\/[^/]+\/.+\.csv$/, "must be the s3:// URL of an Athena result .csv"),
});

/** The state machine's payload; the result must lie under the configured bucket and prefix (the role can read nothing else). */
export function exportRequestFromEvent(event: unknown, config: ExporterConfig): ExportRequest {
  const source = (event && typeof event === "object" ? event : {}) as Record<string, unknown>;
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) throw new Error(`gold exporter input invalid: ${describe(parsed.error, source)}`);
  const url = parsed.data.result_location;
  const [bucket, ...rest] = url.slice("s3://".length).split("/");
  const key = rest.join("/");
  if (bucket !== config.resultBucket || !key.startsWith(config.resultPrefix)) {
    throw new Error(`result_location ${url} is not under s3://${config.resultBucket}/${config.resultPrefix}`);
  }
  return { runDate: parsed.data.run_date, runId: parsed.data.run_id, result: { bucket, key } };
}
