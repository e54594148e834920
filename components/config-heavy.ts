/** `telemetry:heavy` — settings of the heavy tier (ignored by the light tier). */
import { z } from "zod";

export const GRAFANA_AUTH_PROVIDERS = ["AWS_SSO", "SAML"] as const;
export const ENRICHMENT_ENGINES = ["glue", "emr-serverless"] as const;

const schedule = (fallback: string, what: string) =>
  z.string().regex(/^(cron|rate)\(.+\)$/).default(fallback).describe(what);

export const heavySchema = z
  .object({
    flinkParallelismPerKpu: z.number().int().min(1).max(8).default(1).describe("Flink parallelism per KPU."),
    flinkParallelism: z.number().int().min(1).max(1000).optional().describe("Override the derived Flink parallelism."),
    flinkRecordsPerSubtask: z
      .number()
      .int()
      .min(100)
      .max(100_000)
      .default(4000)
      .describe("Events/s one Flink subtask is assumed to validate, dedup and route (drives the derived parallelism)."),
    flinkCheckpointSeconds: z.number().int().min(10).max(3600).default(60).describe("Flink checkpoint interval (s); also how far a restart replays."),
    enrichment: z.enum(ENRICHMENT_ENGINES).default("glue").describe("Spark engine for SILVER → STAGING enrichment."),
    enrichmentWorkers: z.number().int().min(2).max(299).optional().describe("Override the derived Glue worker count (G.1X) / EMR executor count."),
    enrichmentSchedule: schedule("cron(15 * * * ? *)", "EventBridge schedule of the enrichment job."),
    goldSchedule: schedule("cron(30 2 * * ? *)", "EventBridge schedule of the GOLD state machine."),
    redshiftBaseCapacity: z
      .number()
      .int()
      .min(8)
      .max(1024)
      .refine((rpu) => rpu % 8 === 0, { message: "must be a multiple of 8 RPUs" })
      .default(8)
      .describe("Redshift Serverless base capacity (RPUs, multiple of 8)."),
    redshiftMaxCapacity: z
      .number()
      .int()
      .min(8)
      .max(5632)
      .refine((rpu) => rpu % 8 === 0, { message: "must be a multiple of 8 RPUs" })
      .optional()
      .describe("Cap on Redshift Serverless scaling (RPUs, multiple of 8, ≥ base capacity); unset = no cap."),
    rdsReporting: z.boolean().default(false).describe("Also deploy an RDS PostgreSQL reporting database."),
    rdsInstanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/).default("db.t4g.medium").describe("RDS reporting database instance class."),
    grafana: z
      .object({
        enabled: z.boolean().default(false).describe("Deploy Amazon Managed Grafana + Managed Prometheus."),
        authProvider: z.enum(GRAFANA_AUTH_PROVIDERS).default("AWS_SSO").describe("Grafana authentication provider."),
      })
      .strict()
      .default({}),
    loaderSchedule: schedule("rate(15 minutes)", "EventBridge schedule of the warehouse loader."),
  })
  .strict()
  .superRefine((heavy, ctx) => {
    if (heavy.redshiftMaxCapacity !== undefined && heavy.redshiftMaxCapacity < heavy.redshiftBaseCapacity) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `must be at least redshiftBaseCapacity (${heavy.redshiftBaseCapacity})`,
        path: ["redshiftMaxCapacity"],
      });
    }
  });
export type HeavyConfig = z.infer<typeof heavySchema>;
