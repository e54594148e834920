/** `telemetry:msk` — settings of the aws-msk variant (ignored by other variants). */
import { z } from "zod";

export const MSK_DELIVERY_MODES = ["firehose", "connect"] as const;
export type MskDeliveryMode = (typeof MSK_DELIVERY_MODES)[number];
export const MSK_CLUSTER_TYPES = ["serverless", "provisioned"] as const;
export type MskClusterType = (typeof MSK_CLUSTER_TYPES)[number];

/**
 * Where the MSK Connect plugin comes from: an existing object (`s3://bucket/key.zip`), an https URL
 * or a local file path (both uploaded by Pulumi into the variant's artifact bucket).
 */
export const CONNECTOR_PLUGIN_SOURCE = /^(s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+|https:\/\/\S+|[^:\s][^\s]*)\.(zip|jar)$/;

export const mskSchema = z
  .object({
    clusterType: z.enum(MSK_CLUSTER_TYPES).optional().describe("Override the derived cluster type (serverless below msk.serverlessBelowMiBps of peak ingest, else provisioned)."),
    kafkaVersion: z.string().regex(/^\d+\.\d+\.(\d+|x)(\.kraft)?$/).default("3.8.x").describe("Kafka version of a provisioned cluster."),
    delivery: z.enum(MSK_DELIVERY_MODES).default("firehose").describe("How raw topic data reaches the RAW zone: Firehose with MSK as source (seed 001) or an MSK Connect S3 sink."),
    connectorPluginSource: z
      .string()
      .regex(CONNECTOR_PLUGIN_SOURCE, { message: "must be an s3:// URI, an https:// URL or a local path of a .zip or .jar file" })
      .optional()
      .describe("The Apache-2.0 S3 sink connector plugin (.zip/.jar): s3://bucket/key, https URL or local path (delivery=connect)."),
    connectorPluginSha256: z.string().regex(/^[0-9a-f]{64}$/).optional().describe("SHA-256 (hex) of the connector plugin file; a local file is checked against it."),
    connectorMaxWorkers: z.number().int().min(1).max(10).optional().describe("Override the derived MSK Connect autoscaling maximum (workers, 1–10)."),
    brokerInstanceType: z.string().regex(/^kafka\.[a-z0-9]+\.[a-z0-9]+$/).optional().describe("Override the derived broker instance type."),
    brokerCount: z.number().int().min(2).max(30).optional().describe("Override the derived broker count (a multiple of the AZ count)."),
    brokerStorageGiB: z.number().int().min(1).max(16_384).optional().describe("Override the derived per-broker EBS storage (GiB)."),
    partitions: z.number().int().min(1).max(1_000).optional().describe("Override the derived partition count of the raw and clean topics."),
    serverlessBelowMiBps: z.number().min(0).max(200).default(4).describe("Use MSK Serverless when peak ingest is below this many MiB/s."),
    availabilityZones: z.number().int().min(2).max(3).optional().describe("AZs for the VPC (default 2 for a serverless cluster, 3 for a provisioned one)."),
    vpcCidr: z
      .string()
      .regex(/^10\.(\d{1,3})\.0\.0\/16$/, { message: "must be a 10.x.0.0/16 block" })
      .refine((cidr) => Number(cidr.split(".")[1]) <= 255, { message: "second octet must be 0–255" })
      .default("10.40.0.0/16")
      .describe("CIDR of the variant's VPC (a 10.x.0.0/16 block)."),
    natGateway: z.boolean().default(false).describe("Add a NAT gateway (not needed: VPC endpoints cover every AWS API used)."),
  })
  .strict()
  .superRefine((msk, ctx) => {
    if (msk.delivery !== "connect") return;
    for (const key of ["connectorPluginSource", "connectorPluginSha256"] as const) {
      if (msk[key] === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `is required when msk.delivery = "connect" (the MSK Connect S3 sink plugin and its SHA-256)` });
      }
    }
  });
export type MskConfig = z.infer<typeof mskSchema>;
