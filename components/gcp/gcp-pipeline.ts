/**
 * The GCP pipeline both GCP variants deploy: lake → stream (Pub/Sub or Managed Kafka) → ingest
 * function → Dataflow template with the core's UDF → BigQuery landing → scheduled dedup MERGE →
 * events → scheduled GOLD jobs, with monitoring. Only the stream and the template's source differ.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_CORE_OPTIONS } from "../../functions/core";
import type { UdfSettings } from "../../functions/gcp-udf/udf-entry";
import type { StackOutputs } from "../contracts";
import { gcpLabels } from "../tags";
import type { VariantContext } from "../variant-context";
import { GcpDataflowJob, type DataflowSource } from "./dataflow-job";
import { dedupMatchCondition } from "./dedup-sql";
import { currentProject } from "./gcp-project";
import { deriveGcpSizing } from "./gcp-sizing";
import { GcpIngestFunction, type RawChannelTarget } from "./ingest-function";
import { GcpKafkaStream, KAFKA_TOPICS } from "./kafka-stream";
import { GcpKms } from "./kms";
import { GcpLake } from "./lake";
import { GcpMonitoring } from "./monitoring";
import { GcpNetwork } from "./network";
import { GcpPubSubStream, pubsubRetention } from "./pubsub-stream";
import { GcpRawArchiveJob } from "./raw-archive-job";
import { computeServiceAgent, dataflowServiceAgent, managedKafkaServiceAgent, pubsubServiceAgent } from "./service-agents";
import { datasetIdFor } from "./table-ids";
import { GcpWarehouse, PUBSUB_TEMPLATE_DEAD_LETTER_SCHEMA } from "./warehouse";

export type GcpStreamKind = "pubsub" | "kafka";

/** Physical name of the subscription the Dataflow job reads (known before deploy: it is in the UDF). */
export function processingSubscriptionName(ctx: Pick<VariantContext, "names">): string {
  return ctx.names.resource("raw-dataflow", 255);
}

export function udfSettingsFor(ctx: Pick<VariantContext, "config" | "names">, kind: GcpStreamKind): UdfSettings {
  const { event, dedupKeyFields } = ctx.config;
  return {
    maxRecordBytes: event.maxRecordBytes,
    maxDepth: event.maxDepth,
    maxFields: event.maxFields,
    maxAgeDays: event.maxAgeDays,
    futureToleranceMs: DEFAULT_CORE_OPTIONS.futureToleranceMs,
    dedupKeyFields: [...dedupKeyFields],
    // The templates hand a UDF the payload only: no message id / offset to record.
    source:
      kind === "pubsub"
        ? { kind: "pubsub", subscription: processingSubscriptionName(ctx), messageId: "" }
        : { kind: "kafka", topic: KAFKA_TOPICS.raw, partition: -1, offset: "" },
  };
}

export function buildGcpPipeline(ctx: VariantContext, kind: GcpStreamKind): StackOutputs {
  const { config, names, parent } = ctx;
  // Config checks that would otherwise fail deep inside a component, before any resource exists.
  if (kind === "pubsub") pubsubRetention(config.retention);
  dedupMatchCondition(config.dedupKeyFields);

  const region = config.gcp.region;
  const labels = gcpLabels(ctx.tags);
  const sizing = deriveGcpSizing(config);
  const project = currentProject(parent);
  const opts = { parent };

  let kms: GcpKms | undefined;
  if (config.gcp.cmek) {
    const gcsAgent = gcp.storage.getProjectServiceAccountOutput({}, opts).member;
    const bigQueryAgent = gcp.bigquery.getDefaultServiceAccountOutput({}, opts).member;
    const byNumber = (agent: (n: string) => string) => project.projectNumber.apply(agent);
    kms = new GcpKms(
      `${ctx.name}-kms`,
      {
        names,
        region,
        labels,
        protectData: config.protectData,
        encrypters: [
          gcsAgent,
          bigQueryAgent,
          byNumber(pubsubServiceAgent),
          byNumber(dataflowServiceAgent),
          byNumber(computeServiceAgent),
          ...(kind === "kafka" ? [byNumber(managedKafkaServiceAgent)] : []),
        ],
      },
      opts,
    );
  }
  const cmek = kms ? { kmsKeyName: kms.key.id, kmsDependsOn: kms.grants } : {};

  const network = new GcpNetwork(`${ctx.name}-network`, { names, region, cidr: config.gcp.subnetCidr, kafka: kind === "kafka" }, opts);
  const lake = new GcpLake(`${ctx.name}-lake`, { names, region, retention: config.retention, protectData: config.protectData, labels, ...cmek }, opts);
  const warehouse = new GcpWarehouse(
    `${ctx.name}-warehouse`,
    {
      names,
      config,
      datasetId: datasetIdFor(ctx.stack),
      projectId: project.projectId,
      projectNumber: project.projectNumber,
      labels,
      silverBucket: lake.buckets.silver,
      goldBucket: lake.buckets.gold,
      deadLetterSchema: kind === "pubsub" ? PUBSUB_TEMPLATE_DEAD_LETTER_SCHEMA : undefined,
      ...cmek,
    },
    opts,
  );

  let target: RawChannelTarget;
  let source: DataflowSource;
  let streams: Record<string, pulumi.Output<string>>;
  let subscriptionName: pulumi.Output<string> | undefined;
  let archive: GcpRawArchiveJob | undefined;
  if (kind === "pubsub") {
    const stream = new GcpPubSubStream(
      `${ctx.name}-stream`,
      { names, retention: config.retention, protectData: config.protectData, labels, projectNumber: project.projectNumber, rawBucket: lake.buckets.raw, deadLetterBucket: lake.buckets.deadLetter, ...cmek },
      opts,
    );
    target = { kind: "pubsub", rawTopic: stream.raw };
    source = { kind: "pubsub", subscription: stream.processing };
    streams = { raw: stream.raw.id, clean: stream.clean.id, deadLetter: stream.deadLetter.id, processingSubscription: stream.processing.id };
    subscriptionName = stream.processing.name;
  } else {
    const stream = new GcpKafkaStream(
      `${ctx.name}-stream`,
      { names, region, subnet: network.subnet, projectId: project.projectId, sizing: sizing.kafka, protectData: config.protectData, labels, ...cmek },
      opts,
    );
    target = { kind: "kafka", bootstrapServers: stream.bootstrapServers, rawTopic: KAFKA_TOPICS.raw, network: network.network, subnet: network.subnet };
    source = { kind: "kafka", bootstrapServers: stream.bootstrapServers, topic: KAFKA_TOPICS.raw };
    // Kafka has no Cloud Storage subscription: a second job copies the raw topic into the RAW zone.
    archive = new GcpRawArchiveJob(
      `${ctx.name}-raw-archive`,
      {
        names,
        region,
        projectId: project.projectId,
        labels,
        processingMaxWorkers: sizing.dataflow.maxWorkers,
        machineType: sizing.dataflow.machineType,
        bootstrapServers: stream.bootstrapServers,
        topic: KAFKA_TOPICS.raw,
        subnet: network.subnet,
        rawBucket: lake.buckets.raw,
        artifactsBucket: lake.buckets.artifacts,
        kmsKeyName: cmek.kmsKeyName,
      },
      opts,
    );
    streams = { raw: stream.topics.raw.name, enriched: stream.topics.enriched.name, deadLetter: stream.topics.dlq.name, bootstrapServers: stream.bootstrapServers };
  }

  const ingest = new GcpIngestFunction(
    `${ctx.name}-ingest`,
    { names, region, projectId: project.projectId, labels, sizing: sizing.ingest, artifactsBucket: lake.buckets.artifacts, target, maxRecordBytes: config.event.maxRecordBytes },
    opts,
  );
  const dataflow = new GcpDataflowJob(
    `${ctx.name}-dataflow`,
    {
      names,
      region,
      projectId: project.projectId,
      labels,
      sizing: sizing.dataflow,
      source,
      udfSettings: udfSettingsFor(ctx, kind),
      subnet: network.subnet,
      artifactsBucket: lake.buckets.artifacts,
      dataset: warehouse.dataset,
      landingTable: warehouse.tables.eventsLanding,
      deadLetterTable: warehouse.tables.deadLetter,
      kmsKeyName: cmek.kmsKeyName,
    },
    opts,
  );
  const monitoring = new GcpMonitoring(
    `${ctx.name}-monitoring`,
    {
      names,
      alerts: config.alerts,
      labels,
      targets: pulumi
        .all([
          subscriptionName ?? pulumi.output(undefined),
          dataflow.job.name,
          warehouse.dataset.datasetId,
          warehouse.tables.eventsLanding.tableId,
          warehouse.tables.deadLetter.tableId,
          ingest.function.name,
          archive?.job.name ?? pulumi.output(undefined),
        ])
        .apply(([subscription, job, dataset, landing, deadLetter, service, archiveJob]) => ({
          ...(subscription ? { subscriptionName: subscription } : {}),
          dataflowJobName: job,
          ...(archiveJob ? { archiveJobName: archiveJob } : {}),
          datasetId: dataset,
          landingTable: landing,
          deadLetterTable: deadLetter,
          ingestServiceName: service,
        })),
    },
    opts,
  );

  const bucketUrl = (bucket: gcp.storage.Bucket) => pulumi.interpolate`gs://${bucket.name}`;
  return {
    variant: config.variant,
    tier: config.tier,
    ingestUrl: pulumi.interpolate`${ingest.url}/v1/events`,
    buckets: {
      raw: bucketUrl(lake.buckets.raw),
      silver: bucketUrl(lake.buckets.silver),
      gold: bucketUrl(lake.buckets.gold),
      deadLetter: bucketUrl(lake.buckets.deadLetter),
      artifacts: bucketUrl(lake.buckets.artifacts),
    },
    streams,
    dashboards: {
      pipeline: monitoring.dashboard.id.apply((id) => `https://console.cloud.google.com/monitoring/dashboards/builder/${id.split("/").pop()}`),
      dataflow: pulumi.interpolate`https://console.cloud.google.com/dataflow/jobs/${region}/${dataflow.job.jobId}`,
      bigquery: pulumi.interpolate`https://console.cloud.google.com/bigquery?d=${warehouse.dataset.datasetId}&p=${project.projectId}&page=dataset`,
    },
    alertDestination: monitoring.alertDestination,
    apiKeyStore: ingest.keysDatabase.name,
  };
}
