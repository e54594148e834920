import { DEFAULT_CORE_OPTIONS, type CoreOptions } from "../core";

/** Environment variables of the processor Lambda; the Pulumi component sets exactly these. */
export const PROCESSOR_ENV = {
  cleanStream: "CLEAN_STREAM",
  deadLetterStream: "DEAD_LETTER_STREAM",
  dedupTable: "DEDUP_TABLE",
  dedupWindowMinutes: "DEDUP_WINDOW_MINUTES",
  dedupKeyFields: "DEDUP_KEY_FIELDS",
  maxRecordBytes: "MAX_RECORD_BYTES",
  maxAgeDays: "MAX_AGE_DAYS",
  dedupConcurrency: "DEDUP_CONCURRENCY",
  /** Optional: seed 000's DynamoDB SILVER staging table (set by LightProcessing when `silverStagingTable` is on). */
  silverStagingTable: "SILVER_STAGING_TABLE",
} as const;

export interface ProcessorConfig {
  cleanStream: string;
  deadLetterStream: string;
  dedupTable: string;
  dedupWindowMinutes: number;
  dedupConcurrency: number;
  /** DynamoDB SILVER staging table (name or ARN); undefined = clean events go to the clean stream only. */
  silverStagingTable?: string;
  /** Overrides of the core's defaults (coreOptions() validates them). */
  core: Partial<Omit<CoreOptions, "now">>;
  /** For metric dimensions; set by Lambda. */
  functionName: string;
}

export const DEFAULT_DEDUP_WINDOW_MINUTES = 30;
/** One week: beyond that a Kinesis redelivery is impossible (max retention 365 d, but retries stop long before). */
export const MAX_DEDUP_WINDOW_MINUTES = 7 * 24 * 60;
export const DEFAULT_DEDUP_CONCURRENCY = 16;

/** DynamoDB table names: 3-255 of A-Z a-z 0-9 _ . - ; or a table ARN. */
const DYNAMODB_TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const DYNAMODB_TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[A-Za-z0-9_.-]{3,255}$/;

/**
 * Largest MAX_RECORD_BYTES allowed with the SILVER staging table. A staging item holds the event's
 * fields and its `parameters` as JSON, and re-serialising can grow a record (a number written `1e20`,
 * 4 bytes, becomes 21 digits), so an item may reach ~5.4× the record: 5.4 × 64 KiB ≈ 354 KB plus the
 * fixed attributes stays under DynamoDB's 400 KB item limit. Larger records would fail their staging
 * write on every retry.
 */
export const SILVER_STAGING_MAX_RECORD_BYTES = 65_536;

function required(env: NodeJS.ProcessEnv, name: string, meaning: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`environment variable ${name} is not set (${meaning})`);
  return value;
}

function integer(env: NodeJS.ProcessEnv, name: string, min: number, max: number, fallback?: number): number | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`environment variable ${name}=${JSON.stringify(raw)} is invalid; allowed: a whole number ${min}..${max}`);
  }
  return value;
}

/** SILVER_STAGING_TABLE: unset/empty = off; otherwise a table name or ARN, and records small enough for an item. */
function stagingTable(env: NodeJS.ProcessEnv, maxRecordBytes: number): string | undefined {
  const name = PROCESSOR_ENV.silverStagingTable;
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!DYNAMODB_TABLE_NAME.test(value) && !DYNAMODB_TABLE_ARN.test(value)) {
    throw new RangeError(
      `environment variable ${name}=${JSON.stringify(value)} is invalid; allowed: a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -) or table ARN, or unset`,
    );
  }
  if (maxRecordBytes > SILVER_STAGING_MAX_RECORD_BYTES) {
    throw new RangeError(
      `environment variable ${PROCESSOR_ENV.maxRecordBytes}=${maxRecordBytes} is invalid with ${name} set; allowed: 1..${SILVER_STAGING_MAX_RECORD_BYTES} (DynamoDB's 400 KB item limit)`,
    );
  }
  return value;
}

export function processorConfigFromEnv(env: NodeJS.ProcessEnv): ProcessorConfig {
  const core: Partial<Omit<CoreOptions, "now">> = {};
  const keyFields = env[PROCESSOR_ENV.dedupKeyFields]?.trim();
  if (keyFields) {
    const fields = keyFields.split(",").map((field) => field.trim());
    if (fields.some((field) => field === "")) {
      throw new RangeError(
        `environment variable ${PROCESSOR_ENV.dedupKeyFields}=${JSON.stringify(keyFields)} is invalid; allowed: a comma-separated list of SILVER field names`,
      );
    }
    core.dedupKeyFields = fields;
  }
  const maxRecordBytes = integer(env, PROCESSOR_ENV.maxRecordBytes, 1, 1024 * 1024);
  if (maxRecordBytes !== undefined) core.maxRecordBytes = maxRecordBytes;
  const maxAgeDays = integer(env, PROCESSOR_ENV.maxAgeDays, 1, 3650);
  if (maxAgeDays !== undefined) core.maxAgeDays = maxAgeDays;
  const silverStagingTable = stagingTable(env, core.maxRecordBytes ?? DEFAULT_CORE_OPTIONS.maxRecordBytes);
  return {
    cleanStream: required(env, PROCESSOR_ENV.cleanStream, "name or ARN of the clean Kinesis stream"),
    deadLetterStream: required(env, PROCESSOR_ENV.deadLetterStream, "name or ARN of the dead-letter Kinesis stream"),
    dedupTable: required(env, PROCESSOR_ENV.dedupTable, "name of the DynamoDB dedup table"),
    dedupWindowMinutes: integer(env, PROCESSOR_ENV.dedupWindowMinutes, 1, MAX_DEDUP_WINDOW_MINUTES, DEFAULT_DEDUP_WINDOW_MINUTES)!,
    dedupConcurrency: integer(env, PROCESSOR_ENV.dedupConcurrency, 1, 256, DEFAULT_DEDUP_CONCURRENCY)!,
    ...(silverStagingTable ? { silverStagingTable } : {}),
    core,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME?.trim() || "processor",
  };
}
