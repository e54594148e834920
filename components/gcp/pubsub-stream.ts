/**
 * gcp-native stream: Pub/Sub `raw`, `clean` and `dead-letter` topics; the Dataflow subscription on raw
 * (dead-letter policy → dead-letter topic, exponential retry); Cloud Storage subscriptions that archive
 * raw and dead-letter messages into the RAW and dead-letter buckets so nothing is lost; and the IAM
 * the Pub/Sub service agent needs for both (publish to the dead-letter topic, ack the source
 * subscription, write the buckets).
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type TelemetryConfig } from "../config";
import type { Names } from "../naming";
import { pubsubServiceAgent } from "./service-agents";

/** Pub/Sub keeps messages 10 minutes to 31 days. */
export const PUBSUB_RETENTION_HOURS = { min: 1, max: 31 * 24 } as const;
/** Deliveries before a message goes to the dead-letter topic (Pub/Sub allows 5–100). */
export const MAX_DELIVERY_ATTEMPTS = 10;
/** Seconds Dataflow has to ack a message before redelivery. */
export const ACK_DEADLINE_SECONDS = 60;
/** Archive files: at most 5 minutes or 100 MiB each. */
export const ARCHIVE_MAX_DURATION = "300s";
export const ARCHIVE_MAX_BYTES = 100 * 1024 * 1024;

export interface GcpPubSubStreamArgs {
  names: Names;
  retention: TelemetryConfig["retention"];
  protectData: boolean;
  labels: Record<string, string>;
  projectNumber: pulumi.Input<string>;
  rawBucket: gcp.storage.Bucket;
  deadLetterBucket: gcp.storage.Bucket;
  kmsKeyName?: pulumi.Input<string>;
  kmsDependsOn?: pulumi.Resource[];
}

/** Topic retention from `telemetry:retention`: raw/clean keep `streamHours`, dead letters `zones.deadLetter` days (capped at Pub/Sub's 31). */
export function pubsubRetention(retention: TelemetryConfig["retention"]): { stream: string; deadLetter: string } {
  if (retention.streamHours > PUBSUB_RETENTION_HOURS.max) {
    throw new ConfigError(
      `telemetry:retention.streamHours = ${retention.streamHours} is invalid for the gcp variants: Pub/Sub keeps messages at most ${PUBSUB_RETENTION_HOURS.max} hours (31 days); allowed: ${PUBSUB_RETENTION_HOURS.min}–${PUBSUB_RETENTION_HOURS.max}`,
    );
  }
  const deadLetterHours = Math.min(retention.zones.deadLetter * 24, PUBSUB_RETENTION_HOURS.max);
  return { stream: `${retention.streamHours * 3600}s`, deadLetter: `${deadLetterHours * 3600}s` };
}

export class GcpPubSubStream extends pulumi.ComponentResource {
  public readonly raw: gcp.pubsub.Topic;
  public readonly clean: gcp.pubsub.Topic;
  public readonly deadLetter: gcp.pubsub.Topic;
  /** The subscription the Dataflow job reads. */
  public readonly processing: gcp.pubsub.Subscription;
  public readonly rawArchive: gcp.pubsub.Subscription;
  public readonly deadLetterArchive: gcp.pubsub.Subscription;

  constructor(name: string, args: GcpPubSubStreamArgs, opts?: pulumi.ComponentResourceOptions) {
    const retention = pubsubRetention(args.retention);
    super("telemetry:gcp:PubSubStream", name, {}, opts);
    const child = { parent: this, dependsOn: args.kmsDependsOn, protect: args.protectData };
    const topic = (channel: string, retentionDuration: string) =>
      new gcp.pubsub.Topic(
        `${name}-${channel}`,
        {
          name: args.names.stream(channel),
          messageRetentionDuration: retentionDuration,
          labels: { ...args.labels, channel },
          ...(args.kmsKeyName ? { kmsKeyName: args.kmsKeyName } : {}),
        },
        child,
      );
    this.raw = topic("raw", retention.stream);
    this.clean = topic("clean", retention.stream);
    this.deadLetter = topic("dead-letter", retention.deadLetter);

    this.processing = new gcp.pubsub.Subscription(
      `${name}-processing`,
      {
        name: args.names.resource("raw-dataflow", 255),
        topic: this.raw.id,
        ackDeadlineSeconds: ACK_DEADLINE_SECONDS,
        messageRetentionDuration: retention.stream,
        retainAckedMessages: false,
        expirationPolicy: { ttl: "" },
        deadLetterPolicy: { deadLetterTopic: this.deadLetter.id, maxDeliveryAttempts: MAX_DELIVERY_ATTEMPTS },
        retryPolicy: { minimumBackoff: "10s", maximumBackoff: "600s" },
        labels: { ...args.labels, consumer: "dataflow" },
      },
      { parent: this },
    );

    // The Pub/Sub service agent forwards undeliverable messages: it must publish to the dead-letter
    // topic and ack them on the source subscription.
    const agent = pulumi.output(args.projectNumber).apply(pubsubServiceAgent);
    const deadLetterPublisher = new gcp.pubsub.TopicIAMMember(
      `${name}-agent-dead-letter-publisher`,
      { topic: this.deadLetter.name, role: "roles/pubsub.publisher", member: agent },
      { parent: this },
    );
    const sourceSubscriber = new gcp.pubsub.SubscriptionIAMMember(
      `${name}-agent-processing-subscriber`,
      { subscription: this.processing.name, role: "roles/pubsub.subscriber", member: agent },
      { parent: this },
    );

    // Cloud Storage subscriptions archive every raw and dead-letter message as it arrives. The agent
    // writes objects and reads bucket metadata, nothing more.
    const bucketGrants = [args.rawBucket, args.deadLetterBucket].flatMap((bucket, index) =>
      ["roles/storage.objectCreator", "roles/storage.legacyBucketReader"].map(
        (role) =>
          new gcp.storage.BucketIAMMember(
            `${name}-agent-${index === 0 ? "raw" : "dead-letter"}-${role.split(".").pop()!.toLowerCase()}`,
            { bucket: bucket.name, role, member: agent },
            { parent: this },
          ),
      ),
    );
    const archive = (role: string, source: gcp.pubsub.Topic, bucket: gcp.storage.Bucket, prefix: string) =>
      new gcp.pubsub.Subscription(
        `${name}-${role}`,
        {
          name: args.names.resource(role, 255),
          topic: source.id,
          ackDeadlineSeconds: ACK_DEADLINE_SECONDS,
          messageRetentionDuration: retention.stream,
          expirationPolicy: { ttl: "" },
          cloudStorageConfig: {
            bucket: bucket.name,
            filenamePrefix: prefix,
            filenameSuffix: ".json",
            filenameDatetimeFormat: "YYYY-MM-DD/hh_mm_ssZ",
            maxDuration: ARCHIVE_MAX_DURATION,
            maxBytes: ARCHIVE_MAX_BYTES,
            textConfig: {},
          },
          labels: { ...args.labels, consumer: "gcs-archive" },
        },
        { parent: this, dependsOn: bucketGrants },
      );
    this.rawArchive = archive("raw-archive", this.raw, args.rawBucket, "pubsub/raw/");
    this.deadLetterArchive = archive("dead-letter-archive", this.deadLetter, args.deadLetterBucket, "pubsub/dead-letter/");
    void deadLetterPublisher;
    void sourceSubscriber;
    this.registerOutputs({ raw: this.raw.id, clean: this.clean.id, deadLetter: this.deadLetter.id, processing: this.processing.id });
  }
}
