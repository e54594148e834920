/**
 * The loader Lambda's settings (environment, set by the Pulumi component) and its invocation input
 * (the EventBridge rule's constant input: which tables this run loads). Bad values fail with the key,
 * the value and what is allowed.
 */
import { z } from "zod";
import type { TableLoadSpec } from "./load-sql";

const identifier = z.string().refine((v) => /^[a-z_][a-z0-9_]{0,126}$/.test(v), { message: "must match ^[a-z_][a-z0-9_]{0,126}$" });
const prefix = z.string().refine((v) => v === "" || v.endsWith("/"), { message: "must be empty or end with '/'" });

const tableSpecSchema = z.object({ table: identifier, key: z.array(identifier).min(1), orderBy: identifier }).strict();

const envSchema = z.object({
  LAKE_BUCKET: z.string().min(3),
  // Non-empty: manifests and loaded files live under their own prefixes, which must not be inside it.
  INCOMING_PREFIX: z.string().refine((v) => /^[^/].*\/$/.test(v), { message: "must be a non-empty prefix ending with '/'" }),
  MANIFEST_PREFIX: prefix,
  LOADED_PREFIX: prefix,
  COPY_ROLE_ARN: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, "must be an IAM role ARN"),
  AWS_REGION: z.string().min(1),
  REDSHIFT_WORKGROUP: z.string().min(1),
  REDSHIFT_DATABASE: z.string().min(1),
  REDSHIFT_SECRET_ARN: z.string().optional(),
  REPORTING_SCHEMA: identifier.default("public"),
  STAGING_SCHEMA: identifier.default("staging"),
  LOADER_TABLES: z.string().min(2),
  MAX_FILES_PER_LOAD: z.coerce.number().int().min(1).max(100_000).default(1000),
  POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(2000),
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1000).default(600_000),
});

export interface LoaderConfig {
  bucket: string;
  incomingPrefix: string;
  manifestPrefix: string;
  loadedPrefix: string;
  copyRoleArn: string;
  region: string;
  redshift: { workgroupName: string; database: string; secretArn?: string };
  reportingSchema: string;
  stagingSchema: string;
  tables: TableLoadSpec[];
  maxFilesPerLoad: number;
  poll: { intervalMs: number; timeoutMs: number };
}

function describeIssues(error: z.ZodError, source: Record<string, unknown>): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.join(".");
      const value = issue.path.length > 0 ? source[String(issue.path[0])] : undefined;
      return `${key || "(root)"}=${JSON.stringify(value)}: ${issue.message}`;
    })
    .join("; ");
}

export function loaderConfigFromEnv(env: Record<string, string | undefined>): LoaderConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`warehouse loader configuration invalid: ${describeIssues(parsed.error, env)}`);
  const e = parsed.data;
  let rawTables: unknown;
  try {
    rawTables = JSON.parse(e.LOADER_TABLES);
  } catch (error) {
    throw new Error(`LOADER_TABLES=${JSON.stringify(e.LOADER_TABLES)} is not JSON: ${(error as Error).message}`);
  }
  const tables = z.array(tableSpecSchema).min(1).safeParse(rawTables);
  if (!tables.success) {
    throw new Error(`LOADER_TABLES invalid (expected [{"table","key":[...],"orderBy"}]): ${tables.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const names = tables.data.map((t) => t.table);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0) throw new Error(`LOADER_TABLES lists table(s) more than once: ${[...new Set(repeated)].join(", ")}`);
  for (const [name, value] of [["MANIFEST_PREFIX", e.MANIFEST_PREFIX], ["LOADED_PREFIX", e.LOADED_PREFIX]] as const) {
    // Manifests or archived files under the incoming prefix would be picked up as new files.
    if (value.startsWith(e.INCOMING_PREFIX)) {
      throw new Error(`${name}=${JSON.stringify(value)} must not lie under INCOMING_PREFIX=${JSON.stringify(e.INCOMING_PREFIX)}`);
    }
  }
  return {
    bucket: e.LAKE_BUCKET,
    incomingPrefix: e.INCOMING_PREFIX,
    manifestPrefix: e.MANIFEST_PREFIX,
    loadedPrefix: e.LOADED_PREFIX,
    copyRoleArn: e.COPY_ROLE_ARN,
    region: e.AWS_REGION,
    redshift: { workgroupName: e.REDSHIFT_WORKGROUP, database: e.REDSHIFT_DATABASE, secretArn: e.REDSHIFT_SECRET_ARN || undefined },
    reportingSchema: e.REPORTING_SCHEMA,
    stagingSchema: e.STAGING_SCHEMA,
    tables: tables.data,
    maxFilesPerLoad: e.MAX_FILES_PER_LOAD,
    poll: { intervalMs: e.POLL_INTERVAL_MS, timeoutMs: e.STATEMENT_TIMEOUT_MS },
  };
}

/**
 * Tables to load this run: the rule's `{"tables":[...]}` input, or every configured table for a plain
 * scheduled event. Unknown names are an error (a typo in a rule must not silently load nothing).
 */
export function tablesForInvocation(config: LoaderConfig, event: unknown): TableLoadSpec[] {
  const requested = event && typeof event === "object" && "tables" in event ? (event as { tables: unknown }).tables : undefined;
  if (requested === undefined) return config.tables;
  if (!Array.isArray(requested) || requested.some((t) => typeof t !== "string")) {
    throw new Error(`event.tables must be an array of table names, got ${JSON.stringify(requested)}`);
  }
  const known = new Map(config.tables.map((t) => [t.table, t]));
  const unknown = (requested as string[]).filter((t) => !known.has(t));
  if (unknown.length > 0) throw new Error(`event.tables names unknown table(s) ${unknown.join(", ")}; configured: ${[...known.keys()].join(", ")}`);
  return (requested as string[]).map((t) => known.get(t)!);
}
