/** The AWS key store: the authorizer's DynamoDB table, through the table module the authorizer reads with. */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { listApiKeys, putApiKey, revokeApiKey } from "../../functions/authorizer/api-key-table";
import type { ApiKeyStore } from "./api-key-store";

export function dynamoDbApiKeyStore(client: Pick<DynamoDBClient, "send">, tableName: string): ApiKeyStore {
  return {
    put: (item) => putApiKey(client, tableName, item),
    list: () => listApiKeys(client, tableName),
    revoke: (keyId, nowIso) => revokeApiKey(client, tableName, keyId, nowIso),
  };
}
