/**
 * The aws-msk light tier's processing: the shared LightProcessing with a Kafka source (an MSK
 * event-source mapping on raw, IAM) and a Kafka output port (clean / dead-letter topics written by
 * functions/processor-msk from inside the VPC); SILVER is delivered from the clean topic.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PROCESSOR_ENV } from "../../functions/processor/config";
import { PROCESSOR_MSK_ENV } from "../../functions/processor-msk/env";
import type { VariantContext } from "../variant-context";
import type { AwsCommon } from "../variants/aws-common";
import { processorKafkaStatements, statementsForCluster, type PipelineTopics } from "./iam/kafka-policy";
import { mskEventSourceNetworkStatements } from "./iam/wildcard-allow-list";
import type { MskCluster } from "./msk-cluster";
import type { MskResourceNames } from "./msk-names";
import type { MskSizing } from "./msk-sizing";
import type { MskTopics } from "./msk-topics";
import type { Network } from "./network";
import { LightProcessing, type ProcessorEventSource, type ProcessorOutput } from "./processing";

export interface MskProcessingParts {
  cluster: MskCluster;
  topics: MskTopics;
  topicNames: PipelineTopics;
  mskNames: MskResourceNames;
  network: Network;
  msk: MskSizing;
  lakeReady: pulumi.Resource[];
}

/** The light tier's processor on an MSK event-source mapping, writing clean / dead-letter topics. */
export function createMskProcessing(ctx: VariantContext, common: AwsCommon, parts: MskProcessingParts): LightProcessing {
  const { config, sizing, tags } = ctx;
  const { cluster, topics, topicNames, mskNames, network, msk } = parts;
  const source: ProcessorEventSource = {
    statements: [
      ...statementsForCluster(cluster.arn, (arn) => processorKafkaStatements(arn, topicNames, mskNames.consumerGroup)),
      ...mskEventSourceNetworkStatements(),
    ],
    mapping: {
      eventSourceArn: cluster.arn,
      topics: [topics.raw],
      startingPosition: "TRIM_HORIZON",
      amazonManagedKafkaEventSourceConfig: { consumerGroupId: mskNames.consumerGroup },
      // Provisioned pollers (≈ 5 MiB/s each) keep up with peak from the first second instead of scaling up from one.
      ...(msk.clusterType === "provisioned" ? { provisionedPollerConfig: { minimumPollers: msk.pollers.minimum, maximumPollers: msk.pollers.maximum } } : {}),
    },
  };
  // Writes go over Kafka with the role's IAM identity (statements above); the env names the topics.
  const output: ProcessorOutput = {
    environment: { [PROCESSOR_ENV.cleanStream]: topics.clean, [PROCESSOR_ENV.deadLetterStream]: topics.deadLetter, [PROCESSOR_MSK_ENV.bootstrapBrokers]: cluster.bootstrapBrokers },
    statements: [],
  };
  return new LightProcessing(
    `${ctx.name}-msk-processing`,
    {
      names: { processorFunction: mskNames.processorFunction, onFailureQueue: mskNames.onFailureQueue },
      deployable: "processor-msk",
      vpc: { subnetIds: network.privateSubnetIds, securityGroupIds: [network.securityGroupIds.functions] },
      source,
      output,
      dedupTable: { name: common.dedupTable.name, arn: common.dedupTable.arn },
      stagingTable: common.silverStagingTable,
      config,
      sizing,
      keyArn: common.key.arn,
      logRetentionDays: config.retention.logDays,
      env: common.env,
      protect: config.protectData,
      tags,
      lakeReady: [...parts.lakeReady, ...cluster.readyForReaders],
    },
    { parent: ctx.parent, dependsOn: [topics.invocation] },
  );

}
