/**
 * `npm run api-keys -- create --game <id> [--label L] | list | revoke <keyId>`
 *   AWS (default):  [--backend dynamodb] [--table <name>] (default: $API_KEYS_TABLE) [--endpoint <url>] [--region <r>]
 *   GCP:            --backend firestore --project <gcp-project> [--database <id>] (default: $API_KEYS_DATABASE)
 * create prints the new key ONCE (only its SHA-256 hash is stored); list never shows keys, only key
 * ids (hash prefixes); revoke disables a key by id. The commands are the same for every backend
 * (scripts/api-keys/api-key-store.ts). Exit 0 on success, 1 when the operation fails, 2 on bad usage.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { generateApiKey, hashApiKey, keyIdOf } from "../functions/authorizer/api-key";
import type { ApiKeyStore } from "./api-keys/api-key-store";
import { parseApiKeysArgs, USAGE, type ApiKeysCommand } from "./api-keys/cli-args";
import { openApiKeyStore, type ApiKeyStoreFactories } from "./api-keys/open-store";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface ApiKeysCliIo extends ApiKeyStoreFactories {
  out(line: string): void;
  err(line: string): void;
  now(): Date;
}

const defaultIo: ApiKeysCliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  now: () => new Date(),
  client: (endpoint, region) => new DynamoDBClient({ ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) }),
};

async function runCommand(command: ApiKeysCommand, store: ApiKeyStore, io: ApiKeysCliIo): Promise<void> {
  if (command.name === "create") {
    const apiKey = generateApiKey();
    const keyHash = hashApiKey(apiKey);
    const createdAt = io.now().toISOString();
    await store.put({ key_hash: keyHash, game_id: command.gameId, enabled: true, created_at: createdAt, label: command.label });
    io.out(JSON.stringify({ keyId: keyIdOf(keyHash), gameId: command.gameId, label: command.label, createdAt, apiKey }));
    io.err("The API key above is shown only once: store it now. Only its SHA-256 hash is kept.");
  } else if (command.name === "list") {
    for (const item of await store.list()) {
      io.out(
        JSON.stringify({
          keyId: keyIdOf(item.key_hash),
          gameId: item.game_id,
          label: item.label,
          enabled: item.enabled,
          createdAt: item.created_at,
          ...(item.revoked_at ? { revokedAt: item.revoked_at } : {}),
        }),
      );
    }
  } else {
    const revoked = await store.revoke(command.keyId, io.now().toISOString());
    io.out(JSON.stringify({ keyId: keyIdOf(revoked.key_hash), gameId: revoked.game_id, enabled: false, revokedAt: revoked.revoked_at }));
  }
}

export async function runApiKeysCli(argv: string[], io: ApiKeysCliIo = defaultIo): Promise<number> {
  const parsed = parseApiKeysArgs(argv);
  if (!parsed.ok) {
    io.err(`${parsed.message}\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    await runCommand(parsed.command, await openApiKeyStore(parsed.backend, io), io);
    return EXIT.ok;
  } catch (error) {
    io.err(`api-keys ${parsed.command.name} failed: ${(error as Error).message}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  // The Google client libraries can leave internal promises rejected and unobserved (e.g. no ADC
  // credentials) while the awaited call rejects with the same error; Node would crash on the first of
  // them before the CLI reports the failure and exits 1. The awaited result decides the exit code;
  // leftovers are only shown when the command itself succeeded (otherwise they repeat its error).
  const unobserved: unknown[] = [];
  process.on("unhandledRejection", (reason) => unobserved.push(reason));
  runApiKeysCli(process.argv.slice(2)).then(
    (code) => {
      if (code === EXIT.ok) for (const reason of unobserved) console.error(`warning: unobserved rejection: ${(reason as Error)?.message ?? String(reason)}`);
      process.exit(code);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
