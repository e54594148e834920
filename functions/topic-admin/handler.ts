/**
 * topic-admin Lambda (in the VPC): invoked by Pulumi (`aws.lambda.Invocation`) with the topic
 * specification; finds the brokers through GetBootstrapBrokers, reconciles the topics over kafkajs
 * with MSK IAM auth and returns what it did. A thrown error fails the `pulumi up` with its message.
 */
import { KafkaClient } from "@aws-sdk/client-kafka";
import { fetchIamBootstrapBrokers, type BootstrapBrokersClient } from "../kafka/bootstrap-brokers";
import { createMskKafka, type MskTokenProvider } from "../kafka/msk-iam-client";
import { reconcileTopics, type ReconcileResult, type TopicAdminPort } from "./reconcile-topics";
import { parseTopicAdminRequest } from "./topic-spec";

export interface TopicAdminDeps {
  region: string;
  control: BootstrapBrokersClient;
  /** Builds the admin client for the brokers found (tests return a fake). */
  admin(brokers: string[]): TopicAdminPort & { connect(): Promise<void>; disconnect(): Promise<void> };
  log(line: string): void;
}

export function createTopicAdminHandler(deps: TopicAdminDeps) {
  return async (event: unknown): Promise<ReconcileResult> => {
    const request = parseTopicAdminRequest(event);
    const brokers = await fetchIamBootstrapBrokers(deps.control, request.clusterArn);
    const admin = deps.admin(brokers);
    await admin.connect();
    try {
      const result = await reconcileTopics(admin, request);
      deps.log(JSON.stringify({ level: "info", component: "topic-admin", clusterArn: request.clusterArn, ...result }));
      return result;
    } finally {
      await admin.disconnect();
    }
  };
}

export function defaultTopicAdminDeps(env: NodeJS.ProcessEnv, tokenProvider?: MskTokenProvider): TopicAdminDeps {
  const region = env.AWS_REGION ?? "us-east-1";
  return {
    region,
    control: new KafkaClient({ region }),
    admin: (brokers) => createMskKafka({ brokers, region, clientId: "telemetry-topic-admin", tokenProvider }).admin(),
    log: (line) => console.log(line),
  };
}

let cached: ReturnType<typeof createTopicAdminHandler> | undefined;

export async function handler(event: unknown): Promise<ReconcileResult> {
  cached ??= createTopicAdminHandler(defaultTopicAdminDeps(process.env));
  return cached(event);
}
