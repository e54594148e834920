/**
 * Producer Lambda behind the ingestion REST API (Lambda-proxy integration) in the aws-msk variant.
 * Environment: RAW_TOPIC, BOOTSTRAP_BROKERS (IAM listener list, from the cluster's Pulumi outputs).
 * The idempotent producer is created and connected once per container.
 */
import { createIdempotentProducer, LazyConnection } from "../kafka/idempotent-producer";
import { createMskKafka, parseBrokerList } from "../kafka/msk-iam-client";
import { PRODUCER_ENV } from "./env";
import { produceEvents } from "./produce-events";
import type { ProxyEvent, ProxyResult } from "./proxy-event";

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export function createProducerHandler(env: NodeJS.ProcessEnv) {
  const rawTopic = required(env, PRODUCER_ENV.rawTopic);
  const brokers = parseBrokerList(required(env, PRODUCER_ENV.bootstrapBrokers));
  const kafka = createMskKafka({ brokers, region: env.AWS_REGION ?? "us-east-1", clientId: "telemetry-producer" });
  const connection = new LazyConnection(createIdempotentProducer(kafka));
  return (event: ProxyEvent): Promise<ProxyResult> =>
    produceEvents(event, { producer: () => connection.ready(), rawTopic, now: Date.now, log: (line) => console.log(line) });
}

let cached: ReturnType<typeof createProducerHandler> | undefined;

export async function handler(event: ProxyEvent): Promise<ProxyResult> {
  cached ??= createProducerHandler(process.env);
  return cached(event);
}
