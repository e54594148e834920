/**
 * `npm run api-keys -- create --game <id> [--label L] | list | revoke <keyId>`
 *   [--table <name>] (default: $API_KEYS_TABLE)  [--endpoint <url>] [--region <r>]
 * create prints the new key ONCE (only its SHA-256 hash is stored); list never shows keys, only key
 * ids (hash prefixes); revoke disables a key by id. Exit 0 on success, 1 when the operation fails,
 * 2 on bad usage.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { parseArgs } from "node:util";
import { generateApiKey, hashApiKey, keyIdOf } from "../functions/authorizer/api-key";
import { GAME_ID_PATTERN, listApiKeys, putApiKey, revokeApiKey } from "../functions/authorizer/api-key-table";

const USAGE =
  "usage: npm run api-keys -- create --game <id> [--label L] | list | revoke <keyId>\n" +
  "         [--table <name>] [--endpoint <url>] [--region <region>]";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface ApiKeysCliIo {
  out(line: string): void;
  err(line: string): void;
  now(): Date;
  /** Builds the DynamoDB client; tests point it at dynalite via --endpoint. */
  client(endpoint: string | undefined, region: string | undefined): Pick<DynamoDBClient, "send">;
}

const defaultIo: ApiKeysCliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  now: () => new Date(),
  client: (endpoint, region) => new DynamoDBClient({ ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}) }),
};

export async function runApiKeysCli(argv: string[], io: ApiKeysCliIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        game: { type: "string" },
        label: { type: "string" },
        table: { type: "string" },
        endpoint: { type: "string" },
        region: { type: "string" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const table = values.table ?? process.env.API_KEYS_TABLE;
  const usage = (message: string) => {
    io.err(`${message}\n${USAGE}`);
    return EXIT.usage;
  };
  if (!table) return usage("--table is required (or set API_KEYS_TABLE)");
  if (!["create", "list", "revoke"].includes(command ?? "")) {
    return usage(`unknown command ${JSON.stringify(command ?? "")}; allowed: create, list, revoke`);
  }
  if (command === "create" && (!values.game || !GAME_ID_PATTERN.test(values.game))) {
    return usage(`create needs --game <id> matching ${GAME_ID_PATTERN} (got ${JSON.stringify(values.game ?? "")})`);
  }
  if (command === "revoke" && rest.length !== 1) return usage("revoke needs exactly one <keyId>");
  if (command !== "revoke" && rest.length > 0) return usage(`unexpected argument ${JSON.stringify(rest[0])}`);

  const client = io.client(values.endpoint, values.region);
  try {
    if (command === "create") {
      const apiKey = generateApiKey();
      const keyHash = hashApiKey(apiKey);
      const createdAt = io.now().toISOString();
      await putApiKey(client, table, { key_hash: keyHash, game_id: values.game!, enabled: true, created_at: createdAt, label: values.label ?? "" });
      io.out(JSON.stringify({ keyId: keyIdOf(keyHash), gameId: values.game, label: values.label ?? "", createdAt, apiKey }));
      io.err("The API key above is shown only once: store it now. Only its SHA-256 hash is kept.");
    } else if (command === "list") {
      for (const item of await listApiKeys(client, table)) {
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
      const revoked = await revokeApiKey(client, table, rest[0], io.now().toISOString());
      io.out(JSON.stringify({ keyId: keyIdOf(revoked.key_hash), gameId: revoked.game_id, enabled: false, revokedAt: revoked.revoked_at }));
    }
    return EXIT.ok;
  } catch (error) {
    io.err(`api-keys ${command} failed: ${(error as Error).message}`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  runApiKeysCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
