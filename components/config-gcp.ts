/** `telemetry:gcp` — settings of the gcp-native and gcp-kafka variants (ignored on AWS). */
import { z } from "zod";

export const gcpSchema = z
  .object({
    region: z.string().regex(/^[a-z]+-[a-z]+\d$/).default("us-central1").describe("GCP region for every regional resource."),
    bigQueryLocation: z.string().min(2).default("US").describe("BigQuery dataset location."),
    cmek: z.boolean().default(false).describe("Encrypt buckets, topics and datasets with a customer-managed Cloud KMS key."),
    dataflowMaxWorkers: z.number().int().min(1).max(1000).optional().describe("Override the derived Dataflow max workers."),
    dataflowMachineType: z.string().regex(/^[a-z0-9]+-[a-z]+-\d+$/).default("n2-standard-2").describe("Dataflow worker machine type."),
    kafkaPartitions: z.number().int().min(1).max(1000).optional().describe("Override the derived partitions of the raw and enriched topics."),
    kafkaVcpus: z.number().int().min(3).max(1000).optional().describe("Override the derived Managed Kafka vCPU count."),
    subnetCidr: z
      .string()
      .regex(/^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-4])$/, { message: "must be an IPv4 CIDR from /16 to /24, e.g. 10.40.0.0/20" })
      .default("10.40.0.0/20")
      .describe("CIDR of the stack subnet: Dataflow workers (private IPs), and for gcp-kafka the cluster and the ingest function's egress."),
    dedupIntervalMinutes: z.number().int().min(15).max(1440).default(15).describe("How often the scheduled MERGE moves new rows from events_landing into events (minutes, ≥ 15)."),
    ingestMaxInstances: z.number().int().min(1).max(1000).optional().describe("Override the derived max instances of the ingest function."),
  })
  .strict();
export type GcpConfig = z.infer<typeof gcpSchema>;
