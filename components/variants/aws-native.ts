/**
 * The aws-native variant (light tier): API Gateway → Kinesis raw (service integration, no Lambda in
 * the hot path) → Firehose → RAW; processor Lambda raw → clean / dead-letter with DynamoDB dedup;
 * Firehose clean → SILVER, dead-letter → RAW/dead-letter; Glue + Athena; alarms and dashboards.
 */
import type { StackOutputs } from "../contracts";
import { KinesisIngestIntegration } from "../aws/ingestion/kinesis-integration";
import { KinesisEventStream } from "../aws/kinesis-event-stream";
import { kinesisProcessorOutput, kinesisProcessorSource, LightProcessing } from "../aws/processing";
import { RawDelivery } from "../aws/raw-delivery";
import { SyntheticGenerator } from "../aws/synthetic-generator";
import type { VariantContext } from "../variant-context";
import { awsStackOutputs, buildAwsCommon, sharedMonitoredTables, buildIngestionApi, buildMonitoring } from "./aws-common";
import { buildHeavyTier, withHeavyOutputs } from "../aws/heavy";
import { StreamToLakeDelivery } from "../aws/stream-to-lake-delivery";
import { LAKE_PREFIXES } from "../aws/lake-layout";

export function buildAwsNative(ctx: VariantContext): StackOutputs {
  const { config, sizing, tags } = ctx;
  const parent = { parent: ctx.parent };
  const common = buildAwsCommon(ctx);
  const { env, names, key } = common;
  const logDays = config.retention.logDays;

  const stream = new KinesisEventStream(
    `${ctx.name}-stream`,
    {
      streamNames: { raw: ctx.names.stream("raw"), clean: ctx.names.stream("clean"), "dead-letter": ctx.names.stream("dead-letter") },
      sizing: sizing.kinesis,
      retentionHours: config.retention.streamHours,
      keyArn: key.arn,
      protect: config.protectData,
      tags,
    },
    parent,
  );
  const raw = stream.streams.raw;
  const clean = stream.streams.clean;
  const deadLetter = stream.streams["dead-letter"];

  const integration = new KinesisIngestIntegration(
    `${ctx.name}-ingest-kinesis`,
    { streamName: raw.name, streamArn: raw.arn, keyArn: key.arn, roleName: names.ingestRole, env, tags },
    parent,
  );
  const api = buildIngestionApi(ctx, common, integration.integration);

  const lakeReady = Object.values(common.lake.buckets).flatMap((b) => b.ready);
  const rawDelivery = new RawDelivery(
    `${ctx.name}-raw-delivery`,
    {
      rawSource: { kind: "kinesis", streamArn: raw.arn },
      deadLetterSource: { kind: "kinesis", streamArn: deadLetter.arn },
      rawBucketArn: common.lake.buckets.raw.arn,
      keyArn: key.arn,
      buffering: sizing.firehose,
      deliveryNames: { raw: names.rawDelivery, deadLetter: names.deadLetterDelivery },
      logRetentionDays: logDays,
      env,
      tags,
      dependsOn: lakeReady,
    },
    parent,
  );

  const heavyTier = config.tier === "heavy";
  const heavy = heavyTier
    ? buildHeavyTier(ctx, common, {
        kind: "kinesis",
        raw: { name: raw.name, arn: raw.arn },
        clean: { name: clean.name, arn: clean.arn },
        deadLetter: { name: deadLetter.name, arn: deadLetter.arn },
      })
    : undefined;
  // clean → SILVER is the same resource in both tiers (Lambda or Flink writes `clean`), so switching
  // tier never replaces this Firehose, whose physical name stays fixed.
  const silver = new StreamToLakeDelivery(
    `${ctx.name}-silver`,
    {
      deliveryName: names.silverDelivery,
      source: { kind: "kinesis", streamArn: clean.arn },
      bucketArn: common.lake.buckets.silver.arn,
      prefix: LAKE_PREFIXES.silver,
      errorsPrefix: LAKE_PREFIXES.silverErrors,
      recordsEndWithNewline: true,
      keyArn: key.arn,
      buffering: sizing.firehose,
      logRetentionDays: logDays,
      env,
      tags,
      dependsOn: lakeReady,
    },
    parent,
  );
  // The heavy tier's Flink job replaces the Lambda processor.
  const processing = heavyTier ? undefined : new LightProcessing(
    `${ctx.name}-processing`,
    {
      names: { processorFunction: names.processorFunction, onFailureQueue: names.onFailureQueue },
      source: kinesisProcessorSource({ streamArn: raw.arn, keyArn: key.arn, region: env.region, sizing: sizing.processor, streamRetentionHours: config.retention.streamHours }),
      output: kinesisProcessorOutput({ cleanStream: { name: clean.name, arn: clean.arn }, deadLetterStream: { name: deadLetter.name, arn: deadLetter.arn }, keyArn: key.arn, region: env.region }),
      dedupTable: { name: common.dedupTable.name, arn: common.dedupTable.arn },
      stagingTable: common.silverStagingTable,
      config,
      sizing,
      keyArn: key.arn,
      logRetentionDays: logDays,
      env,
      protect: config.protectData,
      tags,
      lakeReady,
    },
    parent,
  );

  // Synthetic traffic only where no production data lives (see components/aws/synthetic-generator.ts).
  const generator = config.protectData
    ? undefined
    : new SyntheticGenerator(
        `${ctx.name}-generator`,
        {
          functionName: names.generatorFunction,
          scheduleName: names.generatorSchedule,
          schedulerRoleName: names.generatorSchedulerRole,
          rawStream: { name: raw.name, arn: raw.arn },
          keyArn: key.arn,
          logRetentionDays: logDays,
          env,
          tags,
        },
        parent,
      );

  const monitoring = buildMonitoring(ctx, common, {
    api: { apiName: api.apiName, stageName: api.stageName },
    rawStream: { role: "raw", name: raw.name },
    streams: [
      { role: "raw", name: raw.name },
      { role: "clean", name: clean.name },
      { role: "dead-letter", name: deadLetter.name },
    ],
    ...(processing ? { processor: { role: "processor", name: processing.processor.name } } : {}),
    functions: [
      ...(api.apiKeyAuthorizer ? [{ role: "authorizer", name: api.apiKeyAuthorizer.fn.name }] : []),
      ...(generator ? [{ role: "generator", name: generator.fn.name }] : []),
    ],
    deliveryStreams: [
      { role: "raw-to-lake", name: rawDelivery.raw.name },
      { role: "dead-letter-to-lake", name: rawDelivery.deadLetter.name },
      { role: "clean-to-silver", name: silver.name },
    ],
    tables: sharedMonitoredTables(common, api),
    failureQueues: processing ? [{ role: "processor-failures", name: processing.failureQueue.name }] : [],
    athenaWorkgroup: common.catalog.workgroup.name,
  });

  return withHeavyOutputs(awsStackOutputs(ctx, common, { api, stream, monitoring }), heavy);
}
