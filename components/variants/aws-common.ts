/**
 * The AWS pieces every AWS variant shares, with logical names (and so URNs) that do not depend on
 * the variant: swapping aws-native ↔ aws-msk replaces only the stream layer and what reads/writes it,
 * never the key, the lake, the catalog, the dedup table, the alert topic, the ingestion API shell
 * or the monitoring base. Each builder parents its component directly on the pipeline.
 */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DataLake as DataLakeContract, EventStream, StackOutputs } from "../contracts";
import { DataLake } from "../aws/data-lake";
import { createDedupTable } from "../aws/dedup-table";
import { awsEnvironment, type AwsEnvironment } from "../aws/environment";
import { IngestionApi } from "../aws/ingestion/ingestion-api";
import type { IngestIntegration } from "../aws/ingestion/integration";
import { LakeCatalog } from "../aws/lake-catalog";
import { AlertTopic } from "../aws/monitoring/alert-topic";
import type { AlarmSpec } from "../aws/monitoring/alarm-specs";
import { Monitoring, type MonitoringHandles } from "../aws/monitoring/monitoring";
import { PipelineKey } from "../aws/pipeline-key";
import { awsResourceNames, type AwsResourceNames } from "../aws/resource-names";
import { createSilverStagingTable } from "../aws/silver-staging-table";
import type { NamedHandle } from "../aws/monitoring/handles";
import { HEAVY_BUCKET_ZONES } from "../aws/heavy/heavy-storage";
import { mskLoggedZones } from "../aws/msk-names";
import type { VariantContext } from "../variant-context";

export interface AwsCommon {
  env: AwsEnvironment;
  names: AwsResourceNames;
  key: PipelineKey;
  lake: DataLake;
  catalog: LakeCatalog;
  /** The DataLake contract (zones + catalog tables). */
  lakeContract: DataLakeContract;
  dedupTable: aws.dynamodb.Table;
  /** Seed 000's DynamoDB SILVER staging table, when `silverStagingTable` is on. */
  silverStagingTable?: aws.dynamodb.Table;
  alerts: AlertTopic;
}

/** Logical names of the shared components (URN stability across variants depends on these). */
export const COMMON_LOGICAL_NAMES = {
  key: "key",
  lake: "lake",
  catalog: "catalog",
  dedupTable: "dedup-table",
  silverStagingTable: "silver-staging",
  alerts: "alerts",
  ingestion: "ingest",
  monitoring: "monitoring",
} as const;

const logical = (ctx: VariantContext, part: keyof typeof COMMON_LOGICAL_NAMES) => `${ctx.name}-${COMMON_LOGICAL_NAMES[part]}`;

/** Key, lake, catalog, dedup table and alert topic. Call once per variant build, first. */
export function buildAwsCommon(ctx: VariantContext): AwsCommon {
  const { config, tags } = ctx;
  const parent = { parent: ctx.parent };
  const env = awsEnvironment(ctx.parent, { tracing: config.tracing });
  const names = awsResourceNames(ctx.names);
  const protect = config.protectData;
  const key = new PipelineKey(logical(ctx, "key"), { aliasName: names.keyAlias, env, tags, protect }, parent);
  const lake = new DataLake(
    logical(ctx, "lake"),
    {
      stack: ctx.stack,
      env,
      keyArn: key.arn,
      retention: config.retention,
      protect,
      tags,
      // The heavy tier's staging and artifacts buckets log here too.
      extraLoggedZones: [...(config.tier === "heavy" ? HEAVY_BUCKET_ZONES : []), ...mskLoggedZones(config)],
    },
    parent,
  );
  const catalog = new LakeCatalog(
    logical(ctx, "catalog"),
    {
      stack: ctx.stack,
      rawBucket: lake.buckets.raw.name,
      silverBucket: lake.buckets.silver.name,
      resultsBucket: lake.buckets.gold.name,
      keyArn: key.arn,
      load: config.load,
      tags,
    },
    parent,
  );
  const dedupTable = createDedupTable(logical(ctx, "dedupTable"), { tableName: names.dedupTable, keyArn: key.arn, protect, tags }, parent);
  const alerts = new AlertTopic(logical(ctx, "alerts"), { topicName: names.alertTopic, keyArn: key.arn, email: config.alerts.email, env, tags }, parent);
  const lakeContract: DataLakeContract = {
    ...lake.zones,
    raw: { ...lake.zones.raw, table: catalog.rawTable.name },
    silver: { ...lake.zones.silver, table: catalog.silverTable.name },
    catalog: catalog.database.name,
  };
  const silverStagingTable = config.silverStagingTable
    ? createSilverStagingTable(logical(ctx, "silverStagingTable"), { tableName: names.silverStagingTable, keyArn: key.arn, protect, tags }, parent)
    : undefined;
  return { env, names, key, lake, catalog, lakeContract, dedupTable, silverStagingTable, alerts };
}

/**
 * The ingestion API shell with the variant's back end plugged in: aws-native passes the Kinesis
 * PutRecords integration, aws-msk a producer-Lambda integration (see /work/notes/aws-components.md).
 */
export function buildIngestionApi(ctx: VariantContext, common: AwsCommon, integration: IngestIntegration): IngestionApi {
  const n = common.names;
  return new IngestionApi(
    logical(ctx, "ingestion"),
    {
      names: {
        api: n.api,
        stage: n.stage,
        accessLogGroup: n.accessLogGroup,
        apiKeyTable: n.apiKeyTable,
        authorizerFunction: n.authorizerFunction,
        authorizerInvokeRole: n.authorizerInvokeRole,
        userPool: n.userPool,
        cloudwatchRole: n.apiCloudwatchRole,
      },
      auth: ctx.config.auth,
      integration,
      throttling: ctx.sizing.api,
      tracing: ctx.config.tracing,
      keyArn: common.key.arn,
      logRetentionDays: ctx.config.retention.logDays,
      env: common.env,
      protect: ctx.config.protectData,
      tags: ctx.tags,
    },
    { parent: ctx.parent },
  );
}

/** Alarms (to the alert topic) and the two dashboards over whatever handles the variant has. */
export function buildMonitoring(
  ctx: VariantContext,
  common: AwsCommon,
  handles: MonitoringHandles,
  extras: { alarms?: AlarmSpec[]; operationsWidgets?: pulumi.Input<Record<string, unknown>>[] } = {},
): Monitoring {
  return new Monitoring(
    logical(ctx, "monitoring"),
    {
      handles,
      alertTopicArn: common.alerts.arn,
      thresholds: ctx.config.alerts,
      alarmPrefix: common.names.alarmPrefix,
      dashboardNames: { operations: common.names.operationsDashboard, analytics: common.names.analyticsDashboard },
      region: common.env.region,
      tags: ctx.tags,
      extraAlarms: extras.alarms,
      extraOperationsWidgets: extras.operationsWidgets,
    },
    { parent: ctx.parent },
  );
}

/** The DynamoDB tables every AWS variant watches for throttling (dedup, API keys, SILVER staging). */
export function sharedMonitoredTables(common: AwsCommon, api: IngestionApi): NamedHandle[] {
  return [
    { role: "dedup", name: common.dedupTable.name },
    ...(api.apiKeyAuthorizer ? [{ role: "api-keys", name: api.apiKeyAuthorizer.table.name }] : []),
    ...(common.silverStagingTable ? [{ role: "silver-staging", name: common.silverStagingTable.name }] : []),
  ];
}

/** The StackOutputs every AWS variant exports. */
export function awsStackOutputs(
  ctx: VariantContext,
  common: AwsCommon,
  parts: { api: IngestionApi; stream: EventStream; monitoring: Monitoring },
): StackOutputs {
  return {
    variant: ctx.config.variant,
    tier: ctx.config.tier,
    ingestUrl: parts.api.ingestUrl,
    buckets: {
      raw: common.lake.buckets.raw.name,
      silver: common.lake.buckets.silver.name,
      gold: common.lake.buckets.gold.name,
      accessLogs: common.lake.logBucket.name,
    },
    streams: { raw: parts.stream.raw.name, clean: parts.stream.clean.name, deadLetter: parts.stream.deadLetter.name },
    dashboards: parts.monitoring.dashboardUrls,
    alertDestination: common.alerts.arn,
    apiKeyStore: parts.api.apiKeyAuthorizer?.table.name ?? pulumi.output("none (telemetry:auth does not include apiKey)"),
  };
}
