/**
 * kafkajs clients for MSK with IAM access control: TLS on port 9098 and SASL/OAUTHBEARER tokens
 * signed by aws-msk-iam-sasl-signer-js from the Lambda's own role credentials (no secrets).
 */
import { generateAuthToken } from "aws-msk-iam-sasl-signer-js";
import { Kafka, logLevel, type KafkaConfig } from "kafkajs";

/** Returns a signed token for `region`; injectable so tests need no AWS credentials. */
export type MskTokenProvider = (region: string) => Promise<{ token: string }>;

export const signedTokenProvider: MskTokenProvider = (region) => generateAuthToken({ region });

export interface MskKafkaOptions {
  brokers: string[];
  region: string;
  clientId: string;
  tokenProvider?: MskTokenProvider;
  /** Socket connection timeout; Lambda's budget is short, fail fast and let the caller retry. */
  connectionTimeoutMs?: number;
}

/** The kafkajs configuration (separate from the client so tests can assert on it). */
export function mskKafkaConfig(options: MskKafkaOptions): KafkaConfig {
  if (options.brokers.length === 0) throw new Error("no bootstrap brokers given");
  const provider = options.tokenProvider ?? signedTokenProvider;
  return {
    clientId: options.clientId,
    brokers: options.brokers,
    ssl: true,
    sasl: {
      mechanism: "oauthbearer",
      oauthBearerProvider: async () => ({ value: (await provider(options.region)).token }),
    },
    connectionTimeout: options.connectionTimeoutMs ?? 5_000,
    logLevel: logLevel.WARN,
  };
}

export function createMskKafka(options: MskKafkaOptions): Kafka {
  return new Kafka(mskKafkaConfig(options));
}

/** "b-1.x:9098,b-2.x:9098" → ["b-1.x:9098", "b-2.x:9098"] */
export function parseBrokerList(value: string): string[] {
  return value
    .split(",")
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}
