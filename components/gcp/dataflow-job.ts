/**
 * Processing: a Google-provided Dataflow flex template (Pub/Sub → BigQuery for gcp-native, Kafka →
 * BigQuery for gcp-kafka) running the JavaScript UDF generated from functions/core, streaming clean
 * rows into `events_landing` and UDF/insert failures into the dead-letter table, under its own
 * worker service account with grants on exactly the resources it touches.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { buildUdfSource, UDF_FUNCTION_NAME } from "../../functions/gcp-udf/build-udf";
import type { UdfSettings } from "../../functions/gcp-udf/udf-entry";
import type { Names } from "../naming";
import type { DataflowSizing } from "./gcp-sizing";
import { templateTableSpec } from "./table-ids";

export const UDF_OBJECT_NAME = "udf/telemetry_udf.js";
/** The job re-reads the UDF object this often, so a deploy that changes the core reaches running workers. */
export const UDF_RELOAD_MINUTES = 10;
export const KAFKA_CONSUMER_GROUP = "telemetry-dataflow";

export type TemplateName = "PubSub_to_BigQuery_Flex" | "Kafka_to_BigQuery_Flex" | "Kafka_to_Gcs_Flex";

/** Google's regional template bucket, latest release. */
export function templateGcsPath(region: string, template: TemplateName): string {
  return `gs://dataflow-templates-${region}/latest/flex/${template}`;
}

/** Settings every streaming job of the pipeline shares: private workers in the stack subnet, Streaming Engine, drain on delete. */
export function privateStreamingJobArgs(args: {
  tempRoot: pulumi.Input<string>;
  serviceAccountEmail: pulumi.Input<string>;
  maxWorkers: number;
  machineType: string;
  labels: Record<string, string>;
  subnet: { selfLink: pulumi.Input<string> };
  kmsKeyName?: pulumi.Input<string>;
}): Pick<
  gcp.dataflow.FlexTemplateJobArgs,
  "serviceAccountEmail" | "maxWorkers" | "machineType" | "enableStreamingEngine" | "autoscalingAlgorithm" | "tempLocation" | "stagingLocation" | "onDelete" | "labels" | "subnetwork" | "ipConfiguration" | "kmsKeyName"
> {
  return {
    serviceAccountEmail: args.serviceAccountEmail,
    maxWorkers: args.maxWorkers,
    machineType: args.machineType,
    enableStreamingEngine: true,
    autoscalingAlgorithm: "THROUGHPUT_BASED",
    tempLocation: pulumi.interpolate`${args.tempRoot}/temp`,
    stagingLocation: pulumi.interpolate`${args.tempRoot}/staging`,
    // Draining on replace/destroy finishes in-flight messages and open windows instead of dropping them.
    onDelete: "drain",
    labels: args.labels,
    subnetwork: args.subnet.selfLink,
    ipConfiguration: "WORKER_IP_PRIVATE",
    ...(args.kmsKeyName ? { kmsKeyName: args.kmsKeyName } : {}),
  };
}

export type DataflowSource =
  | { kind: "pubsub"; subscription: gcp.pubsub.Subscription }
  | { kind: "kafka"; bootstrapServers: pulumi.Input<string>; topic: string };

export interface GcpDataflowJobArgs {
  names: Names;
  region: string;
  projectId: pulumi.Input<string>;
  labels: Record<string, string>;
  sizing: DataflowSizing;
  source: DataflowSource;
  udfSettings: UdfSettings;
  /** Workers run here with private IPs only. */
  subnet: gcp.compute.Subnetwork;
  artifactsBucket: gcp.storage.Bucket;
  dataset: gcp.bigquery.Dataset;
  landingTable: gcp.bigquery.Table;
  deadLetterTable: gcp.bigquery.Table;
  kmsKeyName?: pulumi.Input<string>;
}

export class GcpDataflowJob extends pulumi.ComponentResource {
  public readonly job: gcp.dataflow.FlexTemplateJob;
  public readonly serviceAccount: gcp.serviceaccount.Account;
  public readonly udf: gcp.storage.BucketObject;

  constructor(name: string, args: GcpDataflowJobArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:gcp:DataflowJob", name, {}, opts);
    const { source } = args;
    this.serviceAccount = new gcp.serviceaccount.Account(
      `${name}-worker`,
      { accountId: args.names.resource("dataflow", 30), displayName: "Telemetry Dataflow workers" },
      { parent: this },
    );
    const member = this.serviceAccount.member;
    const grants: pulumi.Resource[] = [
      new gcp.projects.IAMMember(`${name}-worker-role`, { project: args.projectId, role: "roles/dataflow.worker", member }, { parent: this }),
      // Staging, temp files and the UDF live in the artifacts bucket only.
      new gcp.storage.BucketIAMMember(`${name}-artifacts-object-admin`, { bucket: args.artifactsBucket.name, role: "roles/storage.objectAdmin", member }, { parent: this }),
      ...[
        ["landing", args.landingTable],
        ["dead-letter", args.deadLetterTable],
      ].map(
        ([role, table]) =>
          new gcp.bigquery.IamMember(
            `${name}-${role as string}-data-editor`,
            { project: args.projectId, datasetId: args.dataset.datasetId, tableId: (table as gcp.bigquery.Table).tableId, role: "roles/bigquery.dataEditor", member },
            { parent: this },
          ),
      ),
    ];
    if (source.kind === "pubsub") {
      for (const role of ["roles/pubsub.subscriber", "roles/pubsub.viewer"]) {
        grants.push(
          new gcp.pubsub.SubscriptionIAMMember(`${name}-${role.split(".").pop()}`, { subscription: source.subscription.name, role, member }, { parent: this }),
        );
      }
    } else {
      grants.push(new gcp.projects.IAMMember(`${name}-kafka-client`, { project: args.projectId, role: "roles/managedkafka.client", member }, { parent: this }));
    }

    this.udf = new gcp.storage.BucketObject(
      `${name}-udf`,
      { name: UDF_OBJECT_NAME, bucket: args.artifactsBucket.name, contentType: "application/javascript", content: pulumi.output(buildUdfSource(args.udfSettings)) },
      { parent: this },
    );
    const tables = pulumi
      .all([args.projectId, args.dataset.datasetId, args.landingTable.tableId, args.deadLetterTable.tableId])
      .apply(([project, dataset, landing, deadLetter]) => ({
        outputTableSpec: templateTableSpec(project, dataset, landing),
        outputDeadletterTable: templateTableSpec(project, dataset, deadLetter),
      }));
    const udfParameters = {
      javascriptTextTransformGcsPath: pulumi.interpolate`gs://${args.artifactsBucket.name}/${this.udf.name}`,
      javascriptTextTransformFunctionName: UDF_FUNCTION_NAME,
      javascriptTextTransformReloadIntervalMinutes: String(UDF_RELOAD_MINUTES),
    };
    const parameters =
      source.kind === "pubsub"
        ? { ...udfParameters, inputSubscription: source.subscription.id, outputTableSpec: tables.outputTableSpec, outputDeadletterTable: tables.outputDeadletterTable }
        : {
            ...udfParameters,
            readBootstrapServerAndTopic: pulumi.interpolate`${source.bootstrapServers};${source.topic}`,
            kafkaReadAuthenticationMode: "APPLICATION_DEFAULT_CREDENTIALS",
            messageFormat: "JSON",
            writeMode: "SINGLE_TABLE_NAME",
            useBigQueryDLQ: "true",
            enableCommitOffsets: "true",
            consumerGroupId: KAFKA_CONSUMER_GROUP,
            kafkaReadOffset: "earliest",
            outputTableSpec: tables.outputTableSpec,
            outputDeadletterTable: tables.outputDeadletterTable,
          };
    const temp = pulumi.interpolate`gs://${args.artifactsBucket.name}/dataflow`;
    this.job = new gcp.dataflow.FlexTemplateJob(
      `${name}-job`,
      {
        name: args.names.resource("events", 63),
        region: args.region,
        containerSpecGcsPath: templateGcsPath(args.region, source.kind === "pubsub" ? "PubSub_to_BigQuery_Flex" : "Kafka_to_BigQuery_Flex"),
        parameters,
        ...privateStreamingJobArgs({
          tempRoot: temp,
          serviceAccountEmail: this.serviceAccount.email,
          maxWorkers: args.sizing.maxWorkers,
          machineType: args.sizing.machineType,
          labels: args.labels,
          subnet: args.subnet,
          kmsKeyName: args.kmsKeyName,
        }),
      },
      { parent: this, dependsOn: [...grants, this.udf] },
    );
    this.registerOutputs({ job: this.job.name, udf: this.udf.name });
  }
}
