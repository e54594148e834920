/** `telemetry:gcp` — settings of the gcp-native and gcp-kafka variants (ignored on AWS). */
import { z } from "zod";

export const gcpSchema = z
  .object({
    region: z.string().regex(/^[a-z]+-[a-z]+\d$/).default("us-central1").describe("GCP region for every regional resource."),
    bigQueryLocation: z.string().min(2).default("US").describe("BigQuery dataset location."),
    cmek: z.boolean().default(false).describe("Encrypt buckets, topics and datasets with a customer-managed Cloud KMS key."),
    dataflowMaxWorkers: z.number().int().min(1).max(1000).optional().describe("Override the derived Dataflow max workers."),
    kafkaPartitions: z.number().int().min(1).max(1000).optional().describe("Override the derived partitions of the raw and enriched topics."),
    kafkaVcpus: z.number().int().min(3).max(1000).optional().describe("Override the derived Managed Kafka vCPU count."),
  })
  .strict();
export type GcpConfig = z.infer<typeof gcpSchema>;
