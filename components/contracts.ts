/**
 * Contracts between components. Variants swap implementations of these interfaces; nothing
 * downstream branches on the variant name.
 */
import type * as pulumi from "@pulumi/pulumi";

export type ChannelKind = "kinesis" | "msk-topic" | "pubsub-topic" | "gcp-kafka-topic";

/** One channel of the event stream (a Kinesis stream, a Kafka topic, a Pub/Sub topic). */
export interface StreamChannel {
  kind: ChannelKind;
  /** Stream / topic name as producers and consumers address it. */
  name: pulumi.Output<string>;
  /** ARN (AWS) or full resource id (GCP). */
  id: pulumi.Output<string>;
}

/** The raw, clean and dead-letter channels (+ `deduped` in the heavy tier). */
export interface EventStream {
  raw: StreamChannel;
  clean: StreamChannel;
  deadLetter: StreamChannel;
  deduped?: StreamChannel;
  /** Kafka variants: bootstrap servers for IAM/SASL clients. */
  bootstrapServers?: pulumi.Output<string>;
}

export type LakeZoneName = "raw" | "silver" | "gold" | "deadLetter" | "staging";

/** One zone of the data lake: a bucket (+ prefix) and, where catalogued, its table. */
export interface LakeZone {
  bucket: pulumi.Output<string>;
  /** `arn:aws:s3:::bucket` on AWS; `gs://bucket` on GCP. */
  bucketId: pulumi.Output<string>;
  prefix: string;
  table?: pulumi.Output<string>;
}

export interface DataLake {
  raw: LakeZone;
  silver: LakeZone;
  gold: LakeZone;
  deadLetter: LakeZone;
  staging?: LakeZone;
  /** Glue database (AWS) or BigQuery dataset (GCP). */
  catalog: pulumi.Output<string>;
}

/** What the pipeline exports per stack (the same shape for every variant). */
export interface StackOutputs {
  variant: string;
  tier: string;
  ingestUrl: pulumi.Output<string>;
  buckets: Record<string, pulumi.Output<string>>;
  streams: Record<string, pulumi.Output<string>>;
  dashboards: Record<string, pulumi.Output<string>>;
  alertDestination: pulumi.Output<string>;
  /** Where `npm run api-keys` stores key hashes: the DynamoDB table (AWS) or Firestore database (GCP). */
  apiKeyStore: pulumi.Output<string>;
}
