/** Builds the key store a parsed `--backend` names, from injectable client factories (tests pass fakes). */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Firestore } from "@google-cloud/firestore";
import type { ApiKeyStore } from "./api-key-store";
import type { BackendOptions } from "./cli-args";
import { dynamoDbApiKeyStore } from "./dynamodb-store";
import { API_KEYS_COLLECTION } from "../../functions/gcp-ingest/firestore-api-keys";
import { firestoreApiKeyStore } from "./firestore-store";

export interface ApiKeyStoreFactories {
  /** Builds the DynamoDB client; tests point it at dynalite via --endpoint. */
  client(endpoint: string | undefined, region: string | undefined): Pick<DynamoDBClient, "send">;
  /** Builds the Firestore client for one database; default: `new Firestore({projectId, databaseId})` (ADC credentials). */
  firestore?(projectId: string, databaseId: string): Pick<Firestore, "collection">;
}

export async function openApiKeyStore(backend: BackendOptions, factories: ApiKeyStoreFactories): Promise<ApiKeyStore> {
  if (backend.kind === "dynamodb") return dynamoDbApiKeyStore(factories.client(backend.endpoint, backend.region), backend.table);
  // Loaded only for GCP stacks, so the DynamoDB path never loads the Firestore client.
  const db = factories.firestore
    ? factories.firestore(backend.projectId, backend.databaseId)
    : new (require("@google-cloud/firestore") as typeof import("@google-cloud/firestore")).Firestore({ projectId: backend.projectId, databaseId: backend.databaseId });
  return firestoreApiKeyStore(db, API_KEYS_COLLECTION);
}
