/**
 * Physical names of the aws-msk variant's own resources (pure). They differ from every aws-native
 * name: a swap creates the new resources before deleting the old ones, so a shared physical name
 * would collide. Shared pieces (key, lake, dedup table, alerts, API) keep AwsResourceNames.
 */
import type { TelemetryConfig } from "../config";
import type { Names } from "../naming";
import type { PipelineTopics } from "./iam/kafka-policy";
import { checkName, NAME_LIMITS } from "./limits";

export interface MskResourceNames {
  cluster: string;
  topics: PipelineTopics;
  consumerGroup: string;
  topicAdminFunction: string;
  producerFunction: string;
  producerInvokeRole: string;
  processorFunction: string;
  onFailureQueue: string;
  rawDelivery: string;
  deadLetterDelivery: string;
  silverDelivery: string;
  connector: string;
  connectRole: string;
  connectPlugin: string;
  connectWorkerConfig: string;
  connectLogGroup: string;
  network: string;
}

/** MSK cluster, configuration, Connect connector and plugin names: letters, digits and hyphens. */
export const MSK_NAME_MAX = 64;

export function mskResourceNames(names: Names): MskResourceNames {
  const r = (role: string, kind: keyof typeof NAME_LIMITS) => checkName(kind, names.resource(role, NAME_LIMITS[kind]));
  const hyphenated = (role: string) => names.resource(role, MSK_NAME_MAX).replace(/[^A-Za-z0-9-]/g, "-");
  return {
    cluster: hyphenated("kafka"),
    topics: { raw: names.stream("raw"), clean: names.stream("clean"), deadLetter: names.stream("dead-letter") },
    consumerGroup: names.resource("processor", 200),
    topicAdminFunction: r("msk-topic-admin", "lambdaFunction"),
    producerFunction: r("msk-producer", "lambdaFunction"),
    producerInvokeRole: r("msk-ingest-invoke", "iamRole"),
    processorFunction: r("msk-processor", "lambdaFunction"),
    onFailureQueue: r("msk-processor-failures", "sqsQueue"),
    rawDelivery: r("msk-raw-to-lake", "firehoseStream"),
    deadLetterDelivery: r("msk-dead-letter-to-lake", "firehoseStream"),
    silverDelivery: r("msk-clean-to-silver", "firehoseStream"),
    connector: hyphenated("raw-s3-sink"),
    connectRole: r("msk-connect", "iamRole"),
    connectPlugin: hyphenated("s3-sink-plugin"),
    connectWorkerConfig: hyphenated("s3-sink-workers"),
    connectLogGroup: checkName("logGroup", `/aws/mskconnect/${names.resource("raw-s3-sink", 200)}`),
    network: names.resource("msk", 200),
  };
}

/** The artifact bucket's zone name (`lakeBucketName(stack, MSK_ARTIFACT_ZONE, …)`), only with an uploaded Connect plugin. */
export const MSK_ARTIFACT_ZONE = "msk-artifacts";

/**
 * The aws-msk variant's buckets that write server access logs into the lake's log bucket, as zone
 * names for `DataLakeArgs.extraLoggedZones` (the log bucket accepts logs only from listed buckets).
 */
export function mskLoggedZones(config: Pick<TelemetryConfig, "variant" | "msk">): string[] {
  const uploaded = config.msk.delivery === "connect" && config.msk.connectorPluginSource !== undefined && !config.msk.connectorPluginSource.startsWith("s3://");
  return config.variant === "aws-msk" && uploaded ? [MSK_ARTIFACT_ZONE] : [];
}
