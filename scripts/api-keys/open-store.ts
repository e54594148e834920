/** Builds the key store a parsed `--backend` names, from injectable client factories (tests pass fakes). */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Firestore } from "@google-cloud/firestore";
import type { ApiKeyStore } from "./api-key-store";
import type { BackendOptions } from "./cli-args";
import { dynamoDbApiKeyStore } from "./dynamodb-store";
import { firestoreApiKeyStore } from "./firestore-store";

export interface ApiKeyStoreFactories {
  /** Builds the DynamoDB client; tests point it at dynalite via --endpoint. */
  client(endpoint: string | undefined, region: string | undefined): Pick<DynamoDBClient, "send">;
  /** Builds the Firestore client for one database; default: `new Firestore({projectId, databaseId})` (ADC credentials). */
  firestore?(projectId: string, databaseId: string): Pick<Firestore, "collection">;
}

export async function openApiKeyStore(backend: BackendOptions, factories: ApiKeyStoreFactories): Promise<ApiKeyStore> {
  if (backend.kind === "dynamodb") return dynamoDbApiKeyStore(factories.client(backend.endpoint, backend.region), backend.table);
  // Required only for GCP stacks (about a second of loading), so the DynamoDB path never loads the
  // Pulumi GCP SDK or the Firestore client. The collection is the one the ingest component hands the
  // function (API_KEYS_COLLECTION).
  const { API_KEYS_COLLECTION } = require("../../components/gcp/ingest-function") as typeof import("../../components/gcp/ingest-function");
  const db = factories.firestore
    ? factories.firestore(backend.projectId, backend.databaseId)
    : new (require("@google-cloud/firestore") as typeof import("@google-cloud/firestore")).Firestore({ projectId: backend.projectId, databaseId: backend.databaseId });
  return firestoreApiKeyStore(db, API_KEYS_COLLECTION);
}
