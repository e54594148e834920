/**
 * Monthly usage of each priced AWS resource type, from its inputs, the resources wired to it and the
 * stack's traffic. Every figure not read from the plan is an assumption recorded through `assume`.
 */
import { ASSUMED_PROCESSOR_BATCH_SECONDS } from "../../components/sizing";
import type { PlannedResource } from "../plan/run-under-mocks";
import { valueAt, type Estimator, type EstimatorContext, type Usage } from "./cost-context";
import { zoneStorageGB } from "./lake-zones";
import { mentions } from "./mentions";
import { runsPerMonth } from "./schedules";
import { channelFlow, DAYS_PER_MONTH, GB, HOURS_PER_MONTH, SECONDS_PER_MONTH } from "./traffic";

/** Share of authorizer calls that miss API Gateway's authorizer cache when caching is on. */
export const AUTHORIZER_CACHE_MISS = 0.05;
export const AUTHORIZER_SECONDS = 0.05;
export const API_FUNCTION_SECONDS = 0.1;
export const SCHEDULED_FUNCTION_SECONDS = 30;
export const GLUE_RUN_MINUTES = 10;
export const REDSHIFT_ACTIVE_HOURS_PER_DAY = 2;
export const DEDUP_ITEM_BYTES = 200;
const KIB = 1024;

const nameOf = (r: PlannedResource, key = "name") => (typeof r.inputs[key] === "string" ? (r.inputs[key] as string) : r.name);
const num = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

/** Consumers reading a stream: Lambda mappings, Firehose sources, enhanced fan-out consumers, Flink apps. */
function streamReaders(stream: PlannedResource, context: EstimatorContext): number {
  return (
    context.referencing("aws:lambda/eventSourceMapping:EventSourceMapping", "eventSourceArn", stream).length +
    context.referencing("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "kinesisSourceConfiguration.kinesisStreamArn", stream).length +
    context.referencing("aws:kinesis/streamConsumer:StreamConsumer", "streamArn", stream).length +
    context.referencing("aws:kinesisanalyticsv2/application:Application", "applicationConfiguration", stream).length
  );
}

const kinesisStream: Estimator = (stream, context) => {
  const { records, recordBytes } = context.flowOf(nameOf(stream));
  const retentionHours = num(stream.inputs.retentionPeriod, 24);
  const mode = valueAt(stream.inputs, "streamModeDetails.streamMode") ?? (stream.inputs.shardCount ? "PROVISIONED" : "ON_DEMAND");
  const extendedDays = Math.max(0, Math.min(retentionHours, 168) - 24) / 24;
  if (retentionHours > 168) context.assume("stream retention beyond 7 days (long-term retention) is not priced");
  if (mode === "PROVISIONED") {
    const shards = num(stream.inputs.shardCount, 1);
    const usage: Usage[] = [
      { item: `${shards} shards`, quantity: shards * HOURS_PER_MONTH, priceKey: "aws/kinesis.provisioned.shardHour" },
      { item: "PUT payload units", quantity: (records * Math.ceil(recordBytes / (25 * KIB))) / 1e6, priceKey: "aws/kinesis.provisioned.putPayloadUnitsMillion" },
    ];
    if (extendedDays > 0) usage.push({ item: `retention ${retentionHours} h`, quantity: shards * HOURS_PER_MONTH, priceKey: "aws/kinesis.provisioned.extendedRetentionShardHour" });
    return usage;
  }
  const gbIn = (records * Math.ceil(recordBytes / KIB) * KIB) / GB;
  const readers = streamReaders(stream, context);
  const usage: Usage[] = [
    { item: "on-demand stream", quantity: HOURS_PER_MONTH, priceKey: "aws/kinesis.onDemand.streamHour" },
    { item: "data in", quantity: gbIn, priceKey: "aws/kinesis.onDemand.dataInGB" },
  ];
  if (readers > 0) usage.push({ item: `data out × ${readers} consumer(s)`, quantity: gbIn * readers, priceKey: "aws/kinesis.onDemand.dataOutGB" });
  if (extendedDays > 0) usage.push({ item: `retention ${retentionHours} h`, quantity: (gbIn / DAYS_PER_MONTH) * extendedDays, priceKey: "aws/kinesis.onDemand.extendedRetentionGBMonth" });
  return usage;
};

function firehoseSourceFlow(delivery: PlannedResource, context: EstimatorContext): { records: number; recordBytes: number; msk: boolean } {
  const streamArn = valueAt(delivery.inputs, "kinesisSourceConfiguration.kinesisStreamArn");
  if (typeof streamArn === "string") {
    const stream = context.resources.find((r) => r.type === "aws:kinesis/stream:Stream" && context.identities(r).includes(streamArn));
    return { ...context.flowOf(stream ? nameOf(stream) : streamArn), msk: false };
  }
  const topic = valueAt(delivery.inputs, "mskSourceConfiguration.topicName");
  if (typeof topic === "string") return { ...context.flowOf(topic), msk: true };
  context.assume("a direct-PUT Firehose stream is priced as receiving every event");
  return { ...channelFlow(context.traffic, "raw"), msk: false };
}

const firehose: Estimator = (delivery, context) => {
  const { records, recordBytes, msk } = firehoseSourceFlow(delivery, context);
  const gbRoundedTo5k = (records * Math.ceil(recordBytes / (5 * KIB)) * 5 * KIB) / GB;
  const gb = (records * recordBytes) / GB;
  const usage: Usage[] = msk
    ? [{ item: "ingested from MSK", quantity: gb, priceKey: "aws/firehose.mskIngestionGB" }]
    : [{ item: "ingested (5 KB increments)", quantity: gbRoundedTo5k, priceKey: "aws/firehose.ingestionGB" }];
  const s3 = delivery.inputs.extendedS3Configuration as Record<string, unknown> | undefined;
  const conversion = valueAt(s3, "dataFormatConversionConfiguration");
  if (conversion && valueAt(conversion, "enabled") !== false) {
    usage.push({ item: "format conversion", quantity: msk ? gb : gbRoundedTo5k, priceKey: "aws/firehose.formatConversionGB" });
  }
  if (s3) {
    // One object per buffer flush: whichever of the interval or the size comes first.
    const intervalSeconds = num(valueAt(s3, "bufferingInterval"), 300);
    const sizeMiB = num(valueAt(s3, "bufferingSize"), 5);
    const objects = Math.max(SECONDS_PER_MONTH / intervalSeconds, (records * recordBytes) / (sizeMiB * 2 ** 20));
    usage.push({ item: "S3 PUTs (one object per buffer flush)", quantity: objects / 1000, priceKey: "aws/s3.putRequestsThousand" });
  }
  return usage;
};

/** Invocations per month and seconds per invocation of a function, from what triggers it. */
function lambdaInvocations(fn: PlannedResource, context: EstimatorContext): Array<{ why: string; invocations: number; seconds: number }> {
  const triggers: Array<{ why: string; invocations: number; seconds: number }> = [];
  for (const mapping of context.referencing("aws:lambda/eventSourceMapping:EventSourceMapping", "functionName", fn)) {
    const source = context.resources.find((r) => context.identities(r).includes(String(mapping.inputs.eventSourceArn)));
    const topics = mapping.inputs.topics as string[] | undefined;
    const sourceName = topics?.[0] ?? (source ? nameOf(source) : String(mapping.inputs.eventSourceArn));
    const { records } = context.flowOf(sourceName);
    const batch = num(mapping.inputs.batchSize, 100);
    context.assume(`a stream-triggered function runs ${ASSUMED_PROCESSOR_BATCH_SECONDS} s per full batch (components/sizing.ts ASSUMED_PROCESSOR_BATCH_SECONDS)`);
    triggers.push({ why: `batches of ${batch} from ${sourceName}`, invocations: records / batch, seconds: ASSUMED_PROCESSOR_BATCH_SECONDS });
  }
  for (const authorizer of context.referencing("aws:apigateway/authorizer:Authorizer", "authorizerUri", fn)) {
    const cached = num(authorizer.inputs.authorizerResultTtlInSeconds, 300) > 0;
    if (cached) context.assume(`${AUTHORIZER_CACHE_MISS * 100}% of ingest requests miss the authorizer cache`);
    triggers.push({ why: "API authorizer", invocations: context.traffic.requestsPerMonth * (cached ? AUTHORIZER_CACHE_MISS : 1), seconds: AUTHORIZER_SECONDS });
  }
  if (context.referencing("aws:apigateway/integration:Integration", "uri", fn).length > 0) {
    context.assume(`an API-integrated function runs ${API_FUNCTION_SECONDS} s per request`);
    triggers.push({ why: "API integration", invocations: context.traffic.requestsPerMonth, seconds: API_FUNCTION_SECONDS });
  }
  const schedules = [
    ...context.referencing("aws:scheduler/schedule:Schedule", "target.arn", fn).map((s) => String(s.inputs.scheduleExpression)),
    ...context.referencing("aws:cloudwatch/eventTarget:EventTarget", "arn", fn).map((t) => {
      const rule = context.resources.find((r) => r.type === "aws:cloudwatch/eventRule:EventRule" && context.identities(r).includes(String(t.inputs.rule)));
      return String(rule?.inputs.scheduleExpression ?? "");
    }),
  ];
  for (const expression of schedules) {
    const runs = runsPerMonth(expression);
    if (runs === undefined) continue;
    context.assume(`a scheduled function runs ${SCHEDULED_FUNCTION_SECONDS} s per run`);
    triggers.push({ why: `schedule ${expression}`, invocations: runs, seconds: SCHEDULED_FUNCTION_SECONDS });
  }
  return triggers;
}

const lambdaFunction: Estimator = (fn, context) => {
  const memoryGB = num(fn.inputs.memorySize, 128) / 1024;
  const arch = (fn.inputs.architectures as string[] | undefined)?.[0] === "arm64" ? "arm64" : "x86";
  const triggers = lambdaInvocations(fn, context);
  if (triggers.length === 0) {
    context.assume("functions without a stream, API or schedule trigger (deploy-time helpers) are not priced");
    return [];
  }
  return triggers.flatMap(({ why, invocations, seconds }) => [
    { item: `compute (${why})`, quantity: invocations * seconds * memoryGB, priceKey: `aws/lambda.${arch}.gbSecond` },
    { item: `requests (${why})`, quantity: invocations / 1e6, priceKey: "aws/lambda.requestsMillion" },
  ]);
};

/** Some role policy allows a DynamoDB write action on the table's ARN. */
function writtenByARole(table: PlannedResource, context: EstimatorContext): boolean {
  const arns = context.identities(table).filter((id) => id.startsWith("arn:"));
  return context.resources
    .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" || r.type === "aws:iam/policy:Policy")
    .some((policy) => {
      let document: { Statement?: Array<{ Effect?: string; Action?: string | string[]; Resource?: string | string[] }> };
      try {
        document = typeof policy.inputs.policy === "string" ? JSON.parse(policy.inputs.policy) : (policy.inputs.policy ?? {});
      } catch {
        return false;
      }
      return ([] as NonNullable<typeof document.Statement>).concat(document.Statement ?? []).some(
        (statement) =>
          statement.Effect !== "Deny" &&
          ([] as string[]).concat(statement.Action ?? []).some((action) => /^dynamodb:(PutItem|UpdateItem|BatchWriteItem)$/.test(action)) &&
          ([] as string[]).concat(statement.Resource ?? []).some((resource) => arns.some((arn) => mentions(resource, arn))),
      );
    });
}

const dynamodbTable: Estimator = (table, context) => {
  const name = nameOf(table);
  if (table.inputs.billingMode !== "PAY_PER_REQUEST") {
    return [
      { item: "provisioned writes", quantity: num(table.inputs.writeCapacity, 0) * HOURS_PER_MONTH, priceKey: "aws/dynamodb.provisioned.wcuHour" },
      { item: "provisioned reads", quantity: num(table.inputs.readCapacity, 0) * HOURS_PER_MONTH, priceKey: "aws/dynamodb.provisioned.rcuHour" },
    ];
  }
  const { eventsPerMonth, eventBytes, requestsPerMonth } = context.traffic;
  if (/dedup/i.test(name)) {
    // Only a stack whose functions write the table (the light-tier processor) pays for dedup writes.
    if (!writtenByARole(table, context)) {
      context.assume(`dedup table "${name}": no role in this stack writes it, so no writes are priced`);
      return [];
    }
    const items = context.config.load.averageEventsPerSecond * context.config.dedupWindowMinutes * 60;
    context.assume(`the dedup table takes one conditional write (1 WRU) per event and holds ${DEDUP_ITEM_BYTES}-byte items for dedupWindowMinutes`);
    return [
      { item: "dedup writes", quantity: eventsPerMonth / 1e6, priceKey: "aws/dynamodb.onDemand.writeRequestUnitsMillion" },
      { item: "dedup items stored", quantity: (items * DEDUP_ITEM_BYTES) / GB, priceKey: "aws/dynamodb.storageGBMonth" },
    ];
  }
  if (/stag|silver/i.test(name)) {
    context.assume("the SILVER staging table takes one write per clean event (1 WRU per KB)");
    return [{ item: "staging writes", quantity: (eventsPerMonth * Math.ceil(eventBytes / KIB)) / 1e6, priceKey: "aws/dynamodb.onDemand.writeRequestUnitsMillion" }];
  }
  if (/key/i.test(name)) {
    return [{ item: "key lookups (authorizer cache misses)", quantity: (requestsPerMonth * AUTHORIZER_CACHE_MISS) / 1e6, priceKey: "aws/dynamodb.onDemand.readRequestUnitsMillion" }];
  }
  context.assume(`table "${name}": traffic not modelled (small aggregates / metadata)`);
  return [];
};

const s3Bucket: Estimator = (bucket, context) => {
  const gb = zoneStorageGB(nameOf(bucket, "bucket"), context);
  return gb === undefined ? [] : [{ item: "storage (steady state)", quantity: gb, priceKey: "aws/s3.standard.storageGBMonth" }];
};

const restApi: Estimator = (_api, context) => [{ item: "ingest requests", quantity: context.traffic.requestsPerMonth / 1e6, priceKey: "aws/apigateway.rest.requestsMillion" }];
const httpApi: Estimator = (api, context) =>
  api.inputs.protocolType === "HTTP" ? [{ item: "ingest requests", quantity: context.traffic.requestsPerMonth / 1e6, priceKey: "aws/apigateway.http.requestsMillion" }] : [];

const mskCluster: Estimator = (cluster) => {
  const brokers = num(cluster.inputs.numberOfBrokerNodes, 3);
  const instanceType = String(valueAt(cluster.inputs, "brokerNodeGroupInfo.instanceType"));
  const volume = num(valueAt(cluster.inputs, "brokerNodeGroupInfo.storageInfo.ebsStorageInfo.volumeSize"), 1000);
  return [
    { item: `${brokers} × ${instanceType}`, quantity: brokers * HOURS_PER_MONTH, priceKey: `aws/msk.broker.${instanceType}` },
    { item: `${brokers} × ${volume} GB storage`, quantity: brokers * volume, priceKey: "aws/msk.storageGBMonth" },
  ];
};

/** Topic partitions of the Kafka stream: from the topic-admin invocation's spec, else the variant sizing. */
function kafkaPartitions(context: EstimatorContext): number {
  let partitions = 0;
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (/^(numPartitions|partitions)$/.test(key) && typeof inner === "number") partitions += inner;
        else visit(inner);
      }
    } else if (typeof value === "string" && /^\s*[{[]/.test(value)) {
      try {
        visit(JSON.parse(value));
      } catch {
        /* not JSON: nothing to count */
      }
    }
  };
  for (const invocation of context.resources.filter((r) => r.type === "aws:lambda/invocation:Invocation")) visit(invocation.inputs.input);
  if (partitions > 0) return partitions;
  const sized = Number(context.variantSizing?.partitions);
  context.assume("Kafka partitions not found in the topic specification: 3 topics × the variant sizing's partitions");
  return Number.isFinite(sized) && sized > 0 ? sized * 3 : 3;
}

const mskServerless: Estimator = (_cluster, context) => {
  const { eventsPerMonth, eventBytes } = context.traffic;
  const gbIn = (2 * eventsPerMonth * eventBytes) / GB;
  context.assume("MSK Serverless carries every event twice in (raw and clean topics) and once out per topic");
  const partitions = kafkaPartitions(context);
  return [
    { item: "cluster", quantity: HOURS_PER_MONTH, priceKey: "aws/msk.serverless.clusterHour" },
    { item: `${partitions} partitions`, quantity: partitions * HOURS_PER_MONTH, priceKey: "aws/msk.serverless.partitionHour" },
    { item: "data in", quantity: gbIn, priceKey: "aws/msk.serverless.dataInGB" },
    { item: "data out", quantity: gbIn, priceKey: "aws/msk.serverless.dataOutGB" },
    { item: `storage (${context.config.retention.streamHours} h)`, quantity: (gbIn / DAYS_PER_MONTH) * (context.config.retention.streamHours / 24), priceKey: "aws/msk.serverless.storageGBMonth" },
  ];
};

const mskConnector: Estimator = (connector, context) => {
  const autoscaling = valueAt(connector.inputs, "capacity.autoscaling");
  const provisioned = valueAt(connector.inputs, "capacity.provisionedCapacity");
  const mcus = num(valueAt(autoscaling ?? provisioned, "mcuCount"), 1);
  const workers = autoscaling ? num(valueAt(autoscaling, "minWorkerCount"), 1) : num(valueAt(provisioned, "workerCount"), 1);
  if (autoscaling) context.assume("an autoscaling MSK Connect connector runs at its minimum worker count");
  return [{ item: `${workers} worker(s) × ${mcus} MCU`, quantity: workers * mcus * HOURS_PER_MONTH, priceKey: "aws/mskconnect.mcuHour" }];
};

const flinkApplication: Estimator = (app) => {
  const parallelism = valueAt(app.inputs, "applicationConfiguration.flinkApplicationConfiguration.parallelismConfiguration");
  const kpus = Math.ceil(num(valueAt(parallelism, "parallelism"), 1) / num(valueAt(parallelism, "parallelismPerKpu"), 1));
  return [
    { item: `${kpus} KPU + 1 orchestration KPU`, quantity: (kpus + 1) * HOURS_PER_MONTH, priceKey: "aws/flink.kpuHour" },
    { item: "running application storage (50 GB per KPU)", quantity: kpus * 50, priceKey: "aws/flink.runningStorageGBMonth" },
  ];
};

const WORKER_DPU: Record<string, number> = { "G.025X": 0.25, "G.1X": 1, "G.2X": 2, "G.4X": 4, "G.8X": 8, Standard: 1 };

const glueJob: Estimator = (job, context) => {
  const dpus = job.inputs.maxCapacity !== undefined ? num(job.inputs.maxCapacity, 2) : num(job.inputs.numberOfWorkers, 2) * (WORKER_DPU[String(job.inputs.workerType)] ?? 1);
  const jobName = nameOf(job);
  const trigger = context.resources.find(
    (r) => r.type === "aws:glue/trigger:Trigger" && JSON.stringify(r.inputs.actions ?? []).includes(`"${jobName}"`) && typeof r.inputs.schedule === "string",
  );
  let runs = trigger ? runsPerMonth(String(trigger.inputs.schedule)) : undefined;
  if (runs === undefined) {
    runs = runsPerMonth(context.config.heavy.enrichmentSchedule) ?? HOURS_PER_MONTH;
    context.assume(`Glue job "${jobName}" runs on telemetry:heavy.enrichmentSchedule (${context.config.heavy.enrichmentSchedule})`);
  }
  context.assume(`each Glue job run takes ${GLUE_RUN_MINUTES} minutes`);
  return [{ item: `${dpus} DPU × ${Math.round(runs)} runs`, quantity: (dpus * runs * GLUE_RUN_MINUTES) / 60, priceKey: "aws/glue.dpuHour" }];
};

const redshiftWorkgroup: Estimator = (workgroup, context) => {
  const rpus = num(workgroup.inputs.baseCapacity, 128);
  context.assume(`Redshift Serverless is busy ${REDSHIFT_ACTIVE_HOURS_PER_DAY} h/day at base capacity (loads + BI queries)`);
  return [{ item: `${rpus} RPU × ${REDSHIFT_ACTIVE_HOURS_PER_DAY} h/day`, quantity: rpus * REDSHIFT_ACTIVE_HOURS_PER_DAY * DAYS_PER_MONTH, priceKey: "aws/redshift.serverless.rpuHour" }];
};

const fixed = (item: string, quantity: number, priceKey: string): Estimator => () => [{ item, quantity, priceKey }];

const vpcEndpoint: Estimator = (endpoint) => {
  if (endpoint.inputs.vpcEndpointType !== "Interface") return [];
  const azs = ((endpoint.inputs.subnetIds as unknown[]) ?? []).length || 1;
  return [{ item: `${azs} AZ(s)`, quantity: azs * HOURS_PER_MONTH, priceKey: "aws/vpc.interfaceEndpointAzHour" }];
};

export const AWS_ESTIMATORS: Readonly<Record<string, Estimator>> = {
  "aws:kinesis/stream:Stream": kinesisStream,
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": firehose,
  "aws:lambda/function:Function": lambdaFunction,
  "aws:dynamodb/table:Table": dynamodbTable,
  "aws:s3/bucket:Bucket": s3Bucket,
  "aws:s3/bucketV2:BucketV2": s3Bucket,
  "aws:apigateway/restApi:RestApi": restApi,
  "aws:apigatewayv2/api:Api": httpApi,
  "aws:msk/cluster:Cluster": mskCluster,
  "aws:msk/serverlessCluster:ServerlessCluster": mskServerless,
  "aws:mskconnect/connector:Connector": mskConnector,
  "aws:kinesisanalyticsv2/application:Application": flinkApplication,
  "aws:glue/job:Job": glueJob,
  "aws:redshiftserverless/workgroup:Workgroup": redshiftWorkgroup,
  "aws:cloudwatch/metricAlarm:MetricAlarm": fixed("alarm", 1, "aws/cloudwatch.alarmMonth"),
  "aws:cloudwatch/dashboard:Dashboard": fixed("dashboard", 1, "aws/cloudwatch.dashboardMonth"),
  "aws:kms/key:Key": fixed("key", 1, "aws/kms.keyMonth"),
  "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
  "aws:ec2/natGateway:NatGateway": fixed("NAT gateway (data processing not included)", HOURS_PER_MONTH, "aws/vpc.natGatewayHour"),
  "aws:secretsmanager/secret:Secret": fixed("secret", 1, "aws/secretsmanager.secretMonth"),
};
