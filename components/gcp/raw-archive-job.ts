/**
 * gcp-kafka RAW zone: Google's "Kafka to Cloud Storage" flex template copies every message of the raw
 * topic, as sent, into the RAW bucket under `raw/` (windowed JSON files), so the RAW zone keeps its
 * `retention.zones.raw` days instead of the topic's 7. gcp-native gets the same from its Cloud Storage
 * subscription. The job has its own worker account: Dataflow worker, Kafka client, object user on
 * the RAW bucket only, and staging/temp space in the artifacts bucket.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { Names } from "../naming";
import { privateStreamingJobArgs, templateGcsPath } from "./dataflow-job";

/** Object prefix of the archived raw messages inside the RAW bucket (the template needs a trailing slash). */
export const RAW_ARCHIVE_PREFIX = "raw/";
/** Consumer group of the archive job, distinct from the BigQuery job's so each reads every message. */
export const RAW_ARCHIVE_CONSUMER_GROUP = "telemetry-raw-archive";
/** One file set per window: a 5-minute window bounds both the archive's delay and its object count (288 windows a day). */
export const RAW_ARCHIVE_WINDOW = "5m";
/** The archive only reads and writes bytes (no UDF, no BigQuery): a quarter of the processing job's workers. */
export const RAW_ARCHIVE_WORKER_DIVISOR = 4;

/** maxWorkers of the archive job: max(1, ⌈processing maxWorkers ÷ 4⌉). */
export function rawArchiveMaxWorkers(processingMaxWorkers: number): number {
  return Math.max(1, Math.ceil(processingMaxWorkers / RAW_ARCHIVE_WORKER_DIVISOR));
}

/** The template's `outputDirectory`: must end with a slash. */
export function rawArchiveDirectory(bucketName: string): string {
  return `gs://${bucketName}/${RAW_ARCHIVE_PREFIX}`;
}

export interface GcpRawArchiveJobArgs {
  names: Names;
  region: string;
  projectId: pulumi.Input<string>;
  labels: Record<string, string>;
  /** From the processing job's sizing (rawArchiveMaxWorkers derives this job's). */
  processingMaxWorkers: number;
  machineType: string;
  bootstrapServers: pulumi.Input<string>;
  topic: string;
  subnet: gcp.compute.Subnetwork;
  rawBucket: gcp.storage.Bucket;
  artifactsBucket: gcp.storage.Bucket;
  kmsKeyName?: pulumi.Input<string>;
}

export class GcpRawArchiveJob extends pulumi.ComponentResource {
  public readonly job: gcp.dataflow.FlexTemplateJob;
  public readonly serviceAccount: gcp.serviceaccount.Account;

  constructor(name: string, args: GcpRawArchiveJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:gcp:RawArchiveJob", name, {}, opts);
    if (!Number.isInteger(args.processingMaxWorkers) || args.processingMaxWorkers < 1) {
      throw new Error(`GcpRawArchiveJob: processingMaxWorkers must be a positive integer, got ${args.processingMaxWorkers}`);
    }
    this.serviceAccount = new gcp.serviceaccount.Account(
      `${name}-worker`,
      { accountId: args.names.resource("archive", 30), displayName: "Telemetry raw archive Dataflow workers" },
      { parent: this },
    );
    const member = this.serviceAccount.member;
    const grants = [
      new gcp.projects.IAMMember(`${name}-worker-role`, { project: args.projectId, role: "roles/dataflow.worker", member }, { parent: this }),
      new gcp.projects.IAMMember(`${name}-kafka-client`, { project: args.projectId, role: "roles/managedkafka.client", member }, { parent: this }),
      // Beam's file sink writes temporary objects and then moves them: create, read, list and delete on RAW only.
      new gcp.storage.BucketIAMMember(`${name}-raw-object-user`, { bucket: args.rawBucket.name, role: "roles/storage.objectUser", member }, { parent: this }),
      // Staging and temp files of the job, as for the processing job.
      new gcp.storage.BucketIAMMember(`${name}-artifacts-object-admin`, { bucket: args.artifactsBucket.name, role: "roles/storage.objectAdmin", member }, { parent: this }),
    ];
    const temp = pulumi.interpolate`gs://${args.artifactsBucket.name}/dataflow-raw-archive`;
    this.job = new gcp.dataflow.FlexTemplateJob(
      `${name}-job`,
      {
        name: args.names.resource("raw-archive", 63),
        region: args.region,
        containerSpecGcsPath: templateGcsPath(args.region, "Kafka_to_Gcs_Flex"),
        parameters: {
          readBootstrapServerAndTopic: pulumi.interpolate`${args.bootstrapServers};${args.topic}`,
          kafkaReadAuthenticationMode: "APPLICATION_DEFAULT_CREDENTIALS",
          messageFormat: "JSON",
          useBigQueryDLQ: "false",
          outputDirectory: args.rawBucket.name.apply(rawArchiveDirectory),
          outputFilenamePrefix: `${args.topic}-`,
          windowDuration: RAW_ARCHIVE_WINDOW,
          // Committed offsets let a relaunched job resume where the last one stopped; a new group starts at the oldest retained message.
          enableCommitOffsets: "true",
          consumerGroupId: RAW_ARCHIVE_CONSUMER_GROUP,
          kafkaReadOffset: "earliest",
        },
        ...privateStreamingJobArgs({
          tempRoot: temp,
          serviceAccountEmail: this.serviceAccount.email,
          maxWorkers: rawArchiveMaxWorkers(args.processingMaxWorkers),
          machineType: args.machineType,
          labels: args.labels,
          subnet: args.subnet,
          kmsKeyName: args.kmsKeyName,
        }),
      },
      { parent: this, dependsOn: grants },
    );
    this.registerOutputs({ job: this.job.name });
  }
}
