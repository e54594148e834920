import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { findApiKeyById, orderApiKeys } from "./api-key-selection";

/** One row of the API keys table. The key itself is never stored, only its SHA-256 hash. */
export interface ApiKeyItem {
  key_hash: string;
  game_id: string;
  enabled: boolean;
  created_at: string;
  label: string;
  revoked_at?: string;
}

export const API_KEYS_PARTITION_KEY = "key_hash";
/** Game ids become context values, log fields and partition prefixes: keep them plain. */
export const GAME_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

type DynamoSend = Pick<DynamoDBClient, "send">;

/** Every key store refuses to write a row whose game id breaks GAME_ID_PATTERN. */
export function assertValidGameId(gameId: string): void {
  if (!GAME_ID_PATTERN.test(gameId)) throw new RangeError(`game id ${JSON.stringify(gameId)} must match ${GAME_ID_PATTERN}`);
}

function fromAttributes(item: Record<string, AttributeValue>): ApiKeyItem {
  return {
    key_hash: item.key_hash?.S ?? "",
    game_id: item.game_id?.S ?? "",
    enabled: item.enabled?.BOOL === true,
    created_at: item.created_at?.S ?? "",
    label: item.label?.S ?? "",
    ...(item.revoked_at?.S ? { revoked_at: item.revoked_at.S } : {}),
  };
}

export async function getApiKey(client: DynamoSend, tableName: string, keyHash: string): Promise<ApiKeyItem | undefined> {
  const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: { key_hash: { S: keyHash } } }));
  return Item ? fromAttributes(Item) : undefined;
}

/** Stores a new key's hash; refuses to overwrite an existing hash. */
export async function putApiKey(client: DynamoSend, tableName: string, item: ApiKeyItem): Promise<void> {
  assertValidGameId(item.game_id);
  await client.send(
    new PutItemCommand({
      TableName: tableName,
      Item: {
        key_hash: { S: item.key_hash },
        game_id: { S: item.game_id },
        enabled: { BOOL: item.enabled },
        created_at: { S: item.created_at },
        label: { S: item.label },
      },
      ConditionExpression: "attribute_not_exists(key_hash)",
    }),
  );
}

/** Every key row (hashes only), following pagination. An admin operation; the table is small. */
export async function listApiKeys(client: DynamoSend, tableName: string): Promise<ApiKeyItem[]> {
  const items: ApiKeyItem[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []).map(fromAttributes));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return orderApiKeys(items);
}

/**
 * Disables the key whose id (hash prefix) is `keyId`: enabled=false, revoked_at=now. Throws when no
 * key or more than one key has that id (findApiKeyById).
 */
export async function revokeApiKey(client: DynamoSend, tableName: string, keyId: string, nowIso: string): Promise<ApiKeyItem> {
  const match = findApiKeyById(await listApiKeys(client, tableName), keyId);
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: { key_hash: { S: match.key_hash } },
        UpdateExpression: "SET enabled = :false, revoked_at = :now",
        ConditionExpression: "attribute_exists(key_hash)",
        ExpressionAttributeValues: { ":false": { BOOL: false }, ":now": { S: nowIso } },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new Error(`API key ${keyId} was deleted meanwhile`);
    throw error;
  }
  return { ...match, enabled: false, revoked_at: nowIso };
}
