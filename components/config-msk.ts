/** `telemetry:msk` — settings of the aws-msk variant (ignored by other variants). */
import { z } from "zod";

export const MSK_DELIVERY_MODES = ["firehose", "connect"] as const;

export const mskSchema = z
  .object({
    delivery: z.enum(MSK_DELIVERY_MODES).default("firehose").describe("How raw topic data reaches the RAW zone: Firehose with MSK as source (seed 001) or an MSK Connect S3 sink."),
    connectorPluginS3Uri: z.string().regex(/^s3:\/\/[a-z0-9.-]{3,63}\/.+\.(zip|jar)$/).optional().describe("s3:// URI of the Apache-2.0 S3 sink connector plugin (delivery=connect)."),
    connectorPluginSha256: z.string().regex(/^[0-9a-f]{64}$/).optional().describe("SHA-256 (hex) of the connector plugin file."),
    brokerInstanceType: z.string().regex(/^kafka\.[a-z0-9]+\.[a-z0-9]+$/).optional().describe("Override the derived broker instance type."),
    brokerCount: z.number().int().min(2).max(30).optional().describe("Override the derived broker count (a multiple of the AZ count)."),
    brokerStorageGiB: z.number().int().min(1).max(16_384).optional().describe("Override the derived per-broker EBS storage (GiB)."),
    partitions: z.number().int().min(1).max(1_000).optional().describe("Override the derived partition count of the raw and clean topics."),
    serverlessBelowMiBps: z.number().min(0).max(200).default(4).describe("Use MSK Serverless when peak ingest is below this many MiB/s."),
    availabilityZones: z.number().int().min(2).max(3).optional().describe("AZs for the VPC (default 2 for small loads, 3 otherwise)."),
    natGateway: z.boolean().default(false).describe("Add a NAT gateway (not needed: VPC endpoints cover every AWS API used)."),
  })
  .strict();
export type MskConfig = z.infer<typeof mskSchema>;
