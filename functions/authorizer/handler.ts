import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { getApiKey } from "./api-key-table";
import { authorize } from "./authorize";
import type { AuthorizerResult, RequestAuthorizerEvent } from "./request-event";

/** Reads the table name from the environment; a missing value is a deployment error, named as such. */
export function apiKeysTableFromEnv(env: NodeJS.ProcessEnv): string {
  const table = env.API_KEYS_TABLE?.trim();
  if (!table) throw new Error("environment variable API_KEYS_TABLE is not set (the DynamoDB table of API key hashes)");
  return table;
}

// One client per container, reused across invocations (connection reuse keeps the lookup ~ms).
let client: DynamoDBClient | undefined;

export async function handler(event: RequestAuthorizerEvent): Promise<AuthorizerResult> {
  const tableName = apiKeysTableFromEnv(process.env);
  client ??= new DynamoDBClient({});
  const dynamo = client;
  return authorize(event, {
    lookup: (keyHash) => getApiKey(dynamo, tableName, keyHash),
    log: (entry) => console.log(JSON.stringify({ component: "authorizer", ...entry })),
  });
}
