/**
 * HeavyTier: seed 000's heavyweight pipeline on top of the shared AWS pieces (key, lake, catalog,
 * alert topic) and the variant's stream layer (Kinesis streams or MSK topics):
 *   raw ─▶ Managed Flink (dedup / validate / route) ─▶ clean · deduped · dead-letter
 *   SILVER ─▶ Spark enrichment (Glue 5 or EMR Serverless) ─▶ STAGING
 *   EventBridge ─▶ Step Functions: enrichment → GOLD SQL on Athena → data-quality → S3 aggregates
 *                  → per-player daily aggregates → gold-exporter Lambda → DynamoDB fast-access table
 *   GOLD ─▶ DynamoDB (fast access) · Redshift Serverless (BI, loaded by seed 004's loader) · RDS (option)
 *   alarms ─▶ SNS; Managed Prometheus + Grafana (option)
 * The light tier's Lambda processor is not deployed with it: Flink replaces it (the variant builders
 * skip it and keep clean → SILVER delivery).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../../config";
import type { StreamChannel } from "../../contracts";
import type { Names } from "../../naming";
import { deriveHeavySizing, type HeavySizing } from "../../heavy/sizing";
import type { AwsEnvironment } from "../environment";
import { kafkaArns } from "../iam/kafka-policy";
import type { DataLake } from "../data-lake";
import type { LakeCatalog } from "../lake-catalog";
import { LAKE_PREFIXES } from "../lake-layout";
import { checkName } from "../limits";
import { Network } from "../network";
import { FLINK_APP_ZIP } from "./artifact-paths";
import { Enrichment } from "./enrichment";
import { FlinkDedupApplication, type FlinkSource } from "./flink-dedup-application";
import { GoldBatch } from "./gold-batch";
import { GOLD_PREFIXES } from "./gold-layout";
import { GoldStores } from "./gold-stores";
import { heavyNames, type HeavyNames } from "./heavy-names";
import { HeavyMonitoring } from "./heavy-monitoring";
import { HeavyStorage } from "./heavy-storage";
import { STAGING_EVENTS_PREFIX, STAGING_PREFIX } from "./staging-table";
import { REDSHIFT_DATABASE } from "./gold-stores";
import { WarehouseLoader } from "./warehouse-loader";

/** The aws-native heavy tier's own VPC (Redshift, optional RDS): 3 AZs, no NAT, endpoints only. */
export const HEAVY_NATIVE_NETWORK = { availabilityZones: 3, vpcCidr: "10.41.0.0/16" } as const;

interface KinesisChannelRef {
  name: pulumi.Input<string>;
  arn: pulumi.Input<string>;
}

/** The variant's stream layer as the heavy tier needs it. */
export type HeavyStreamLayer =
  | { kind: "kinesis"; raw: KinesisChannelRef; clean: KinesisChannelRef; deadLetter: KinesisChannelRef }
  | {
      kind: "msk";
      clusterArn: pulumi.Input<string>;
      bootstrapServers: pulumi.Input<string>;
      /** Topic names; `deduped` must be one of the topics the variant's topic admin creates. */
      topics: { raw: string; clean: string; deduped: string; deadLetter: string };
      /** The variant's VPC: Flink joins it with the `functions` security group. */
      network: Pick<Network, "vpcId" | "privateSubnetIds" | "securityGroupIds">;
      /** Resources the application must wait for (topic creation). */
      dependsOn?: pulumi.Input<pulumi.Resource>[];
    };

export interface HeavyTierArgs {
  stack: string;
  config: TelemetryConfig;
  names: Names;
  env: AwsEnvironment;
  keyArn: pulumi.Input<string>;
  lake: Pick<DataLake, "buckets" | "logBucket">;
  catalog: Pick<LakeCatalog, "database" | "workgroup">;
  alertTopicArn: pulumi.Input<string>;
  stream: HeavyStreamLayer;
  tags: Record<string, string>;
}

export class HeavyTier extends pulumi.ComponentResource {
  public readonly sizing: HeavySizing;
  public readonly names: HeavyNames;
  public readonly network: Pick<Network, "vpcId" | "privateSubnetIds">;
  public readonly deduped: StreamChannel;
  public readonly storage: HeavyStorage;
  public readonly flink: FlinkDedupApplication;
  public readonly enrichment: Enrichment;
  public readonly goldBatch: GoldBatch;
  public readonly goldStores: GoldStores;
  public readonly loader: WarehouseLoader;
  public readonly monitoring: HeavyMonitoring;

  constructor(name: string, args: HeavyTierArgs, opts?: pulumi.ComponentResourceOptions) {
    // Everything that can be refused is checked before the first resource is registered.
    const sizing = deriveHeavySizing(args.config);
    const names = heavyNames(args.names);
    const dedupedStreamName = checkName("kinesisStream", args.names.stream("deduped"));
    super("telemetry:aws:HeavyTier", name, {}, opts);
    this.sizing = sizing;
    this.names = names;
    const child = { parent: this };
    const { config, env, keyArn, tags, stream } = args;
    const protect = config.protectData;
    const logDays = config.retention.logDays;
    const { silver: silverBucket, gold: goldBucket } = args.lake.buckets;

    this.network =
      stream.kind === "msk"
        ? stream.network
        : new Network(
            `${name}-network`,
            {
              ...HEAVY_NATIVE_NETWORK,
              natGateway: false,
              logRetentionDays: logDays,
              resourcePrefix: args.names.resource("heavy", 40),
              keyArn,
              tags,
            },
            child,
          );

    this.storage = new HeavyStorage(
      `${name}-storage`,
      {
        stack: args.stack,
        env,
        keyArn,
        accessLogBucket: args.lake.logBucket.name,
        lakeDatabase: args.catalog.database.name,
        goldDatabaseName: names.goldDatabase,
        retention: config.retention,
        protect,
        tags,
      },
      child,
    );

    let source: FlinkSource;
    if (stream.kind === "kinesis") {
      // Duplicates are a small, bursty share of raw: on-demand, like dead-letter.
      const dedupedStream = new aws.kinesis.Stream(
        `${name}-deduped`,
        {
          name: dedupedStreamName,
          retentionPeriod: config.retention.streamHours,
          encryptionType: "KMS",
          kmsKeyId: keyArn,
          streamModeDetails: { streamMode: "ON_DEMAND" },
          tags: { ...tags, channel: "deduped" },
        },
        { parent: this, protect, retainOnDelete: protect },
      );
      this.deduped = { kind: "kinesis", name: dedupedStream.name, id: dedupedStream.arn };
      source = {
        kind: "kinesis",
        raw: stream.raw,
        outputs: { clean: stream.clean, deduped: { name: dedupedStream.name, arn: dedupedStream.arn }, "dead-letter": stream.deadLetter },
      };
    } else {
      this.deduped = { kind: "msk-topic", name: pulumi.output(stream.topics.deduped), id: pulumi.output(stream.clusterArn).apply((arn) => kafkaArns(arn).topic(stream.topics.deduped)) };
      source = {
        kind: "kafka",
        clusterArn: stream.clusterArn,
        bootstrapServers: stream.bootstrapServers,
        topics: { raw: stream.topics.raw, clean: stream.topics.clean, deduped: stream.topics.deduped, "dead-letter": stream.topics.deadLetter },
        vpc: { subnetIds: stream.network.privateSubnetIds, securityGroupIds: [stream.network.securityGroupIds.functions] },
      };
    }

    this.flink = new FlinkDedupApplication(
      `${name}-flink`,
      {
        names: { application: names.flinkApplication, role: names.flinkRole, logGroup: names.flinkLogGroup },
        source,
        codeBucket: { name: this.storage.artifacts.name, arn: this.storage.artifacts.arn },
        codeZipPath: FLINK_APP_ZIP,
        sizing: sizing.flink,
        checkpointSeconds: config.heavy.flinkCheckpointSeconds,
        config,
        keyArn,
        env,
        logRetentionDays: logDays,
        tags,
      },
      { parent: this, dependsOn: [...this.storage.artifacts.ready, ...(stream.kind === "msk" ? (stream.dependsOn ?? []) : [])] },
    );

    this.enrichment = new Enrichment(
      `${name}-enrichment`,
      {
        engine: config.heavy.enrichment,
        names: {
          job: names.enrichmentJob,
          role: names.enrichmentRole,
          schedule: names.enrichmentSchedule,
          schedulerRole: names.enrichmentSchedulerRole,
          emrApplication: names.emrApplication,
        },
        silver: { bucket: silverBucket.name, bucketArn: silverBucket.arn, prefix: LAKE_PREFIXES.silver },
        staging: {
          bucket: this.storage.staging.name,
          bucketArn: this.storage.staging.arn,
          prefix: STAGING_PREFIX,
          eventsPrefix: STAGING_EVENTS_PREFIX,
          database: this.storage.stagingZone.database,
          table: this.storage.stagingZone.table,
        },
        artifacts: { bucket: this.storage.artifacts.name, bucketArn: this.storage.artifacts.arn },
        workers: sizing.enrichment.workers,
        scheduleExpression: config.heavy.enrichmentSchedule,
        keyArn,
        env,
        logRetentionDays: logDays,
        tags,
      },
      { parent: this, dependsOn: [...this.storage.artifacts.ready, ...this.storage.staging.ready] },
    );

    this.goldStores = new GoldStores(
      `${name}-gold-stores`,
      {
        names: { goldTable: names.goldTable, namespace: names.redshiftNamespace, workgroup: names.redshiftWorkgroup, copyRole: names.redshiftCopyRole, rdsInstance: names.rdsInstance },
        network: { vpcId: this.network.vpcId, privateSubnetIds: this.network.privateSubnetIds },
        lake: { bucketArn: goldBucket.arn, copyPrefixes: [GOLD_PREFIXES.warehouseIncoming, GOLD_PREFIXES.warehouseManifests] },
        redshift: sizing.redshift,
        rds: config.heavy.rdsReporting ? { instanceClass: config.heavy.rdsInstanceClass } : undefined,
        keyArn,
        env,
        logRetentionDays: logDays,
        protect,
        tags,
      },
      child,
    );

    this.goldBatch = new GoldBatch(
      `${name}-gold-batch`,
      {
        names: {
          stateMachine: names.stateMachine,
          role: names.stateMachineRole,
          logGroup: names.stateMachineLogGroup,
          schedule: names.goldSchedule,
          schedulerRole: names.goldSchedulerRole,
          exporterFunction: names.goldExporterFunction,
        },
        athenaWorkgroup: { name: args.catalog.workgroup.name, arn: args.catalog.workgroup.arn },
        goldBucket: { name: goldBucket.name, arn: goldBucket.arn },
        staging: { bucketArn: this.storage.staging.arn, prefix: STAGING_PREFIX, database: this.storage.stagingZone.database, table: this.storage.stagingZone.table },
        goldDatabase: this.storage.goldDatabase.name,
        enrichment: this.enrichment.target,
        // Fast-access items live as long as the GOLD zone keeps the data they summarise.
        playerTable: { name: this.goldStores.playerTable.name, arn: this.goldStores.playerTable.arn, ttlDays: config.retention.zones.gold },
        alertTopicArn: args.alertTopicArn,
        scheduleExpression: config.heavy.goldSchedule,
        keyArn,
        env,
        logRetentionDays: logDays,
        tags,
      },
      child,
    );

    this.loader = new WarehouseLoader(
      `${name}-loader`,
      {
        names: { function: names.loaderFunction, schedule: names.loaderSchedule, schedulerRole: names.loaderSchedulerRole },
        lake: { bucket: goldBucket.name, bucketArn: goldBucket.arn },
        redshift: {
          workgroupName: this.goldStores.workgroup.workgroupName,
          workgroupArn: this.goldStores.workgroup.arn,
          database: REDSHIFT_DATABASE,
          adminSecretArn: this.goldStores.namespace.adminPasswordSecretArn,
          copyRoleArn: this.goldStores.copyRole.arn,
        },
        scheduleExpression: config.heavy.loaderSchedule,
        keyArn,
        env,
        logRetentionDays: logDays,
        tags,
      },
      child,
    );

    const target = this.enrichment.target;
    this.monitoring = new HeavyMonitoring(
      `${name}-monitoring`,
      {
        alarmPrefix: names.alarmPrefix,
        targets: {
          flinkApplication: this.flink.name,
          flinkSource: source.kind,
          stateMachineArn: this.goldBatch.stateMachine.arn,
          enrichment: target.engine === "glue" ? { engine: "glue", jobName: target.jobName } : { engine: "emr-serverless", applicationId: target.applicationId },
          loaderFunction: this.loader.fn.name,
          kinesisStreams: stream.kind === "kinesis" ? { raw: stream.raw.name, deadLetter: stream.deadLetter.name } : undefined,
        },
        thresholds: config.alerts,
        alertTopicArn: args.alertTopicArn,
        grafana: { ...config.heavy.grafana, workspaceName: names.grafanaWorkspace, prometheusAlias: names.prometheusAlias },
        artifactsBucket: this.storage.artifacts.name,
        keyArn,
        logRetentionDays: logDays,
        tags,
      },
      child,
    );

    this.registerOutputs({
      flinkApplication: this.flink.name,
      stateMachine: this.goldBatch.stateMachine.arn,
      redshiftWorkgroup: this.goldStores.workgroup.workgroupName,
      staging: this.storage.staging.name,
    });
  }

  /** What the heavy tier adds to the stack outputs (merged by `withHeavyOutputs`). */
  public outputs(): { buckets: Record<string, pulumi.Output<string>>; streams: Record<string, pulumi.Output<string>>; dashboards: Record<string, pulumi.Output<string>> } {
    return {
      buckets: { staging: this.storage.staging.name, artifacts: this.storage.artifacts.name },
      streams: { deduped: this.deduped.name },
      dashboards: this.monitoring.dashboardUrls,
    };
  }
}
