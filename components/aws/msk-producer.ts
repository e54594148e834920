/**
 * MskProducer: the producer Lambda (functions/producer) in the VPC, writing ingest requests to the
 * raw topic with IAM auth, and the API Gateway integration (Lambda proxy) that plugs it into the
 * shared ingestion API shell in place of the Kinesis service integration.
 */
import * as pulumi from "@pulumi/pulumi";
import { PRODUCER_ENV } from "../../functions/producer/env";
import type { AwsEnvironment } from "./environment";
import { producerKafkaStatements, statementsForCluster, type PipelineTopics } from "./iam/kafka-policy";
import { lambdaInvokeStatements } from "./iam/lambda";
import type { IngestIntegration } from "./ingestion/integration";
import { API_GATEWAY_INTEGRATION_TIMEOUT_MS } from "./limits";
import { NodeFunction } from "./node-function";
import { createServiceRole } from "./service-role";

export interface MskProducerArgs {
  functionName: string;
  invokeRoleName: string;
  clusterArn: pulumi.Output<string>;
  bootstrapBrokers: pulumi.Input<string>;
  topics: PipelineTopics;
  /** The raw topic name once topic-admin created it (the producer never auto-creates topics). */
  rawTopic: pulumi.Input<string>;
  subnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  env: AwsEnvironment;
  tags: Record<string, string>;
}

/** The function answers before API Gateway's 29 s integration timeout gives up on it. */
export const PRODUCER_TIMEOUT_SECONDS = Math.floor(API_GATEWAY_INTEGRATION_TIMEOUT_MS / 1000) - 4;
export const PRODUCER_MEMORY_MIB = 512;

export class MskProducer extends pulumi.ComponentResource {
  public readonly producer: NodeFunction;
  public readonly integration: IngestIntegration;

  constructor(name: string, args: MskProducerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:aws:MskProducer", name, {}, opts);
    this.producer = new NodeFunction(
      `${name}-function`,
      {
        functionName: args.functionName,
        deployable: "producer",
        description: "Writes ingest requests to the raw Kafka topic (idempotent, acks=all)",
        memoryMiB: PRODUCER_MEMORY_MIB,
        timeoutSeconds: PRODUCER_TIMEOUT_SECONDS,
        environment: { [PRODUCER_ENV.rawTopic]: args.rawTopic, [PRODUCER_ENV.bootstrapBrokers]: args.bootstrapBrokers },
        statements: statementsForCluster(args.clusterArn, (arn) => producerKafkaStatements(arn, args.topics)),
        keyArn: args.keyArn,
        logRetentionDays: args.logRetentionDays,
        env: args.env,
        tags: args.tags,
        vpc: { subnetIds: args.subnetIds, securityGroupIds: [args.securityGroupId] },
      },
      { parent: this },
    );
    const { policy, role } = createServiceRole(
      `${name}-invoke-role`,
      {
        roleName: args.invokeRoleName,
        service: "apigateway.amazonaws.com",
        statements: lambdaInvokeStatements(this.producer.arn),
        tags: args.tags,
        description: "API Gateway: invoke the MSK producer Lambda",
      },
      { parent: this },
    );
    this.integration = {
      type: "AWS_PROXY",
      uri: this.producer.function.invokeArn,
      credentials: role.arn,
      timeoutMilliseconds: API_GATEWAY_INTEGRATION_TIMEOUT_MS,
      responses: [],
      // Proxy integrations pass the function's status through; these are the ones it returns.
      methodStatusCodes: ["200", "400", "413", "503"],
      dependsOn: [policy],
    };
    this.registerOutputs({ producer: this.producer.name });
  }
}
