/**
 * The deployable: registers `ingest` with the Functions Framework (entry point of the Cloud Function)
 * and builds its dependencies from the environment the Pulumi component sets. Clients are created on
 * first use and reused across requests of an instance.
 */
import { Firestore } from "@google-cloud/firestore";
import * as functions from "@google-cloud/functions-framework";
import { PubSub } from "@google-cloud/pubsub";
import { GoogleAuth } from "google-auth-library";
import { Kafka, type Producer } from "kafkajs";
import { firestoreApiKeyLookup } from "./firestore-api-keys";
import { createIngestHandler, DEFAULT_INGEST_DEPS, type IngestDeps } from "./ingest-handler";
import { kafkaRawPublisher } from "./kafka-publisher";
import { managedKafkaOauthToken } from "./managed-kafka-token";
import { pubsubRawPublisher } from "./pubsub-publisher";
import type { RawPublisher } from "./raw-publisher";

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set (the Pulumi component sets it)`);
  return value;
}

function kafkaPublisher(): RawPublisher {
  const auth = new GoogleAuth({ scopes: ["https://www.googleapis.com/auth/cloud-platform"] });
  const kafka = new Kafka({
    clientId: "telemetry-ingest",
    brokers: requiredEnv("KAFKA_BOOTSTRAP_SERVERS").split(","),
    ssl: true,
    sasl: {
      mechanism: "oauthbearer",
      oauthBearerProvider: async () => {
        const client = await auth.getClient();
        const { token } = await client.getAccessToken();
        const credentials = await auth.getCredentials();
        const expiry = (client as { credentials?: { expiry_date?: number } }).credentials?.expiry_date ?? Date.now() + 3_000_000;
        return { value: managedKafkaOauthToken({ accessToken: token ?? "", principal: credentials.client_email ?? "", nowMs: Date.now(), expiresAtMs: expiry }) };
      },
    },
  });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  const connected = producer.connect();
  const publisher = kafkaRawPublisher(producer, requiredEnv("RAW_TOPIC"));
  return { publish: async (records) => (await connected, publisher.publish(records)) };
}

let deps: IngestDeps | undefined;

function productionDeps(): IngestDeps {
  deps ??= {
    ...DEFAULT_INGEST_DEPS,
    lookupApiKey: firestoreApiKeyLookup(
      new Firestore({ projectId: requiredEnv("GCP_PROJECT_ID"), databaseId: requiredEnv("API_KEYS_DATABASE") }),
      requiredEnv("API_KEYS_COLLECTION"),
    ),
    publisher:
      requiredEnv("RAW_CHANNEL") === "kafka"
        ? kafkaPublisher()
        : pubsubRawPublisher(new PubSub({ projectId: requiredEnv("GCP_PROJECT_ID") }).topic(requiredEnv("RAW_TOPIC"), { batching: { maxMessages: 500, maxMilliseconds: 10 } })),
  };
  return deps;
}

export const handler = (req: functions.Request, res: functions.Response) => createIngestHandler(productionDeps())(req, res);
/** The Cloud Function's entry point: registered with the framework and exported under the same name. */
export const ingest = handler;

functions.http("ingest", handler);
