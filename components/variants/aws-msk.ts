/**
 * The aws-msk variant (light tier): the same REST API and authorisers as aws-native, but a producer
 * Lambda writes to an MSK cluster (IAM auth, TLS) in the variant's own VPC; topics are created by
 * the topic-admin Lambda during `pulumi up`; raw reaches RAW through Firehose-from-MSK (seed 001) or
 * an MSK Connect S3 sink; the processor consumes raw through an MSK event-source mapping and writes
 * clean / dead-letter topics; Firehose delivers clean → SILVER and dead-letter → RAW/dead-letter.
 *
 * The key, lake, catalog, dedup table, alert topic, API shell and monitoring come from aws-common
 * with the same logical names as aws-native, so a swap never replaces stored data.
 */
import * as pulumi from "@pulumi/pulumi";
import type { EventStream, StackOutputs } from "../contracts";
import { buildHeavyTier, withHeavyOutputs, type HeavyTier } from "../aws/heavy";
import { FLINK_CONSUMER_GROUP } from "../aws/heavy/flink-dedup-application";
import { firehoseSourceKafkaStatements, kafkaArns, statementsForCluster, type PipelineTopics } from "../aws/iam/kafka-policy";
import { LAKE_PREFIXES, lakeBucketName } from "../aws/lake-layout";
import { MskCluster } from "../aws/msk-cluster";
import { MskConnectDelivery } from "../aws/msk-connect-delivery";
import { kafkaAlarmSpecs, kafkaWidgetInputs, lagThresholds } from "../aws/msk-monitoring-specs";
import { MSK_ARTIFACT_ZONE, mskResourceNames } from "../aws/msk-names";
import { MskProducer } from "../aws/msk-producer";
import { deriveMskSizing } from "../aws/msk-sizing";
import { MskTopics } from "../aws/msk-topics";
import { parsePluginSource, verifyLocalPlugin } from "../aws/msk/connector-plugin";
import { Network } from "../aws/network";
import type { LightProcessing } from "../aws/processing";
import { createMskProcessing } from "../aws/msk-processing";
import { RawDelivery } from "../aws/raw-delivery";
import { StreamToLakeDelivery, type DeliverySource } from "../aws/stream-to-lake-delivery";
import { REPO_ROOT } from "../../scripts/build-functions/deployables";
import type { VariantContext } from "../variant-context";
import { awsStackOutputs, buildAwsCommon, sharedMonitoredTables, buildIngestionApi, buildMonitoring } from "./aws-common";

export function buildAwsMsk(ctx: VariantContext): StackOutputs {
  const { config, sizing, tags } = ctx;
  // Everything that can be refused is checked before the first resource is registered.
  const msk = deriveMskSizing(config);
  const plugin =
    config.msk.delivery === "connect" ? { source: parsePluginSource(config.msk.connectorPluginSource!, REPO_ROOT), sha256: config.msk.connectorPluginSha256! } : undefined;
  if (plugin) verifyLocalPlugin(plugin.source, plugin.sha256);
  const mskNames = mskResourceNames(ctx.names);
  // Heavy tier: Managed Flink replaces the processor Lambda and adds a `deduped` topic.
  const heavyTier = config.tier === "heavy";
  const topicNames: PipelineTopics = heavyTier ? { ...mskNames.topics, deduped: ctx.names.stream("deduped") } : mskNames.topics;

  const parent = { parent: ctx.parent };
  const common = buildAwsCommon(ctx);
  const { env, key } = common;
  const logDays = config.retention.logDays;
  const lakeReady = Object.values(common.lake.buckets).flatMap((b) => b.ready);

  const network = new Network(
    `${ctx.name}-network`,
    {
      availabilityZones: msk.availabilityZones,
      vpcCidr: config.msk.vpcCidr,
      natGateway: config.msk.natGateway,
      logRetentionDays: logDays,
      resourcePrefix: mskNames.network,
      keyArn: key.arn,
      tags,
    },
    parent,
  );
  const sg = network.securityGroupIds;

  const cluster = new MskCluster(
    `${ctx.name}-kafka`,
    {
      clusterName: mskNames.cluster,
      sizing: msk,
      kafkaVersion: config.msk.kafkaVersion,
      subnetIds: network.privateSubnetIds,
      securityGroupId: sg.brokers,
      keyArn: key.arn,
      accountId: env.accountId,
      allowFirehose: true, // dead-letter and clean always reach the lake through Firehose-from-MSK
      logRetentionDays: logDays,
      protect: config.protectData,
      tags,
    },
    parent,
  );

  const topics = new MskTopics(
    `${ctx.name}-topics`,
    {
      functionName: mskNames.topicAdminFunction,
      clusterArn: cluster.arn,
      topics: topicNames,
      sizing: msk,
      subnetIds: network.privateSubnetIds,
      securityGroupId: sg.functions,
      keyArn: key.arn,
      logRetentionDays: logDays,
      env,
      tags,
      dependsOn: [network, cluster],
    },
    parent,
  );

  const producer = new MskProducer(
    `${ctx.name}-producer`,
    {
      functionName: mskNames.producerFunction,
      invokeRoleName: mskNames.producerInvokeRole,
      clusterArn: cluster.arn,
      bootstrapBrokers: cluster.bootstrapBrokers,
      topics: topicNames,
      rawTopic: topics.raw,
      subnetIds: network.privateSubnetIds,
      securityGroupId: sg.functions,
      keyArn: key.arn,
      logRetentionDays: logDays,
      env,
      tags,
    },
    parent,
  );
  const api = buildIngestionApi(ctx, common, producer.integration);

  const mskSource = (topic: string): DeliverySource => ({
    kind: "msk",
    clusterArn: cluster.arn,
    topic: topics.invocation.result.apply(() => topic),
    statements: statementsForCluster(cluster.arn, (arn) => firehoseSourceKafkaStatements(arn, topic)),
  });
  const deliveryCommon = { keyArn: key.arn, buffering: sizing.firehose, logRetentionDays: logDays, env, tags, dependsOn: [...lakeReady, ...cluster.readyForReaders] };

  let rawDeliveryName: pulumi.Output<string> | undefined;
  let connect: MskConnectDelivery | undefined;
  let deadLetterDeliveryName: pulumi.Output<string>;
  if (plugin) {
    connect = new MskConnectDelivery(
      `${ctx.name}-raw-connect`,
      {
        names: {
          connector: mskNames.connector,
          role: mskNames.connectRole,
          plugin: mskNames.connectPlugin,
          workerConfig: mskNames.connectWorkerConfig,
          logGroup: mskNames.connectLogGroup,
          artifactBucket: pulumi.all([env.accountId, env.region]).apply(([account, region]) => lakeBucketName(ctx.stack, MSK_ARTIFACT_ZONE, account, region)),
        },
        plugin,
        clusterArn: cluster.arn,
        bootstrapBrokers: cluster.bootstrapBrokers,
        topic: topics.raw,
        topicName: topicNames.raw,
        bucket: { name: common.lake.buckets.raw.name, arn: common.lake.buckets.raw.arn },
        prefix: LAKE_PREFIXES.raw,
        subnetIds: network.privateSubnetIds,
        securityGroupId: sg.connect,
        sizing: msk,
        keyArn: key.arn,
        accessLogBucket: common.lake.logBucket.name,
        logRetentionDays: logDays,
        env,
        tags,
        dependsOn: [network, topics.invocation, ...lakeReady],
      },
      parent,
    );
    const deadLetters = new StreamToLakeDelivery(
      `${ctx.name}-msk-dead-letter-delivery`,
      {
        ...deliveryCommon,
        deliveryName: mskNames.deadLetterDelivery,
        source: mskSource(topicNames.deadLetter),
        bucketArn: common.lake.buckets.raw.arn,
        prefix: LAKE_PREFIXES.deadLetter,
        errorsPrefix: LAKE_PREFIXES.deadLetterErrors,
        // The processor writes each dead letter as one JSON line (functions/processor/output-records.ts).
        recordsEndWithNewline: true,
      },
      parent,
    );
    deadLetterDeliveryName = deadLetters.name;
  } else {
    const rawDelivery = new RawDelivery(
      `${ctx.name}-msk-raw-delivery`,
      {
        ...deliveryCommon,
        rawSource: mskSource(topicNames.raw),
        deadLetterSource: mskSource(topicNames.deadLetter),
        rawBucketArn: common.lake.buckets.raw.arn,
        deliveryNames: { raw: mskNames.rawDelivery, deadLetter: mskNames.deadLetterDelivery },
      },
      parent,
    );
    rawDeliveryName = rawDelivery.raw.name;
    deadLetterDeliveryName = rawDelivery.deadLetter.name;
  }

  // clean → SILVER is the same resource in both tiers (the Lambda processor or Flink writes `clean`),
  // so switching tier never replaces this Firehose, whose physical name stays fixed.
  const silver = new StreamToLakeDelivery(
    `${ctx.name}-msk-silver-delivery`,
    {
      ...deliveryCommon,
      deliveryName: mskNames.silverDelivery,
      source: mskSource(topicNames.clean),
      bucketArn: common.lake.buckets.silver.arn,
      prefix: LAKE_PREFIXES.silver,
      errorsPrefix: LAKE_PREFIXES.silverErrors,
    },
    parent,
  );
  const silverDeliveryName = silver.name;
  let processing: LightProcessing | undefined;
  let heavy: HeavyTier | undefined;
  if (!heavyTier) {
    processing = createMskProcessing(ctx, common, { cluster, topics, topicNames, mskNames, network, msk, lakeReady });
  } else {
    heavy = buildHeavyTier(ctx, common, {
      kind: "msk",
      clusterArn: cluster.arn,
      bootstrapServers: cluster.bootstrapBrokers,
      topics: { raw: topicNames.raw, clean: topicNames.clean, deduped: topicNames.deduped!, deadLetter: topicNames.deadLetter },
      network,
      dependsOn: [topics.invocation, ...cluster.readyForReaders],
    });
  }

  const consumers = [
    heavy
      ? { role: "flink-dedup", group: FLINK_CONSUMER_GROUP, topic: topicNames.raw, partitions: msk.partitions.raw }
      : { role: "processor", group: mskNames.consumerGroup, topic: topicNames.raw, partitions: msk.partitions.raw },
    ...(connect ? [{ role: "raw-s3-sink", group: `connect-${connect.connectorName}`, topic: topicNames.raw, partitions: msk.partitions.raw }] : []),
  ];
  const kafkaInputs = { clusterName: mskNames.cluster, sizing: msk, config, consumers, connectorName: connect?.connectorName };
  const monitoring = buildMonitoring(
    ctx,
    common,
    {
      api: { apiName: api.apiName, stageName: api.stageName },
      streams: [],
      ...(processing ? { processor: { role: "processor", name: processing.processor.name, lagMetric: "OffsetLag" as const, maxOffsetLag: lagThresholds(config, msk.partitions.raw).max } } : {}),
      functions: [
        { role: "producer", name: producer.producer.name },
        { role: "topic-admin", name: topics.admin.name },
        ...(api.apiKeyAuthorizer ? [{ role: "authorizer", name: api.apiKeyAuthorizer.fn.name }] : []),
      ],
      deliveryStreams: [
        ...(rawDeliveryName ? [{ role: "raw-to-lake", name: rawDeliveryName }] : []),
        { role: "dead-letter-to-lake", name: deadLetterDeliveryName },
        { role: "clean-to-silver", name: silverDeliveryName },
      ],
      tables: sharedMonitoredTables(common, api),
      failureQueues: processing ? [{ role: "processor-failures", name: processing.failureQueue.name }] : [],
      athenaWorkgroup: common.catalog.workgroup.name,
    },
    {
      alarms: kafkaAlarmSpecs(kafkaInputs),
      operationsWidgets: kafkaWidgetInputs(env.region, { clusterName: mskNames.cluster, brokers: msk.provisioned?.brokers ?? 0, consumers, connectorName: connect?.connectorName }),
    },
  );

  const stream: EventStream = {
    raw: { kind: "msk-topic", name: topics.raw, id: topicArn(cluster.arn, topicNames.raw) },
    clean: { kind: "msk-topic", name: topics.clean, id: topicArn(cluster.arn, topicNames.clean) },
    deadLetter: { kind: "msk-topic", name: topics.deadLetter, id: topicArn(cluster.arn, topicNames.deadLetter) },
    bootstrapServers: cluster.bootstrapBrokers,
  };
  return withHeavyOutputs(awsStackOutputs(ctx, common, { api, stream, monitoring }), heavy);
}

/** A topic's IAM resource ARN (the channel id of the EventStream contract). */
function topicArn(clusterArn: pulumi.Output<string>, topic: string): pulumi.Output<string> {
  return clusterArn.apply((arn) => kafkaArns(arn).topic(topic));
}
