/** `telemetry:heavy` — settings of the heavy tier (ignored by the light tier). */
import { z } from "zod";

export const GRAFANA_AUTH_PROVIDERS = ["AWS_SSO", "SAML"] as const;
export const ENRICHMENT_ENGINES = ["glue", "emr-serverless"] as const;

export const heavySchema = z
  .object({
    flinkParallelismPerKpu: z.number().int().min(1).max(8).default(1).describe("Flink parallelism per KPU."),
    flinkParallelism: z.number().int().min(1).max(1000).optional().describe("Override the derived Flink parallelism."),
    enrichment: z.enum(ENRICHMENT_ENGINES).default("glue").describe("Spark engine for SILVER → STAGING enrichment."),
    enrichmentSchedule: z.string().regex(/^(cron|rate)\(.+\)$/).default("cron(15 * * * ? *)").describe("EventBridge schedule of the enrichment job."),
    goldSchedule: z.string().regex(/^(cron|rate)\(.+\)$/).default("cron(30 2 * * ? *)").describe("EventBridge schedule of the GOLD state machine."),
    redshiftBaseCapacity: z.number().int().min(8).max(1024).refine((rpu) => rpu % 8 === 0, { message: "must be a multiple of 8 RPUs" }).default(8).describe("Redshift Serverless base capacity (RPUs, multiple of 8)."),
    rdsReporting: z.boolean().default(false).describe("Also deploy an RDS PostgreSQL reporting database."),
    grafana: z
      .object({
        enabled: z.boolean().default(false).describe("Deploy Amazon Managed Grafana + Managed Prometheus."),
        authProvider: z.enum(GRAFANA_AUTH_PROVIDERS).default("AWS_SSO").describe("Grafana authentication provider."),
      })
      .strict()
      .default({}),
    loaderSchedule: z.string().regex(/^(cron|rate)\(.+\)$/).default("rate(15 minutes)").describe("EventBridge schedule of the warehouse loader."),
  })
  .strict();
export type HeavyConfig = z.infer<typeof heavySchema>;
