/**
 * Argument parsing for `npm run api-keys`: turns argv into one command and one backend, or a usage
 * message that names the offending flag and value. Nothing here touches a store, so bad usage
 * (exit 2) is decided before any client is built.
 */
import { parseArgs } from "node:util";
import { GAME_ID_PATTERN } from "../../functions/authorizer/api-key-table";

export const USAGE =
  "usage: npm run api-keys -- create --game <id> [--label L] | list | revoke <keyId>\n" +
  "         [--backend dynamodb] [--table <name>] [--endpoint <url>] [--region <region>]\n" +
  "         --backend firestore --project <gcp-project> [--database <id>]";

export const BACKENDS = ["dynamodb", "firestore"] as const;
export type BackendName = (typeof BACKENDS)[number];

/** GCP project ids: 6–30 of [a-z0-9-], starting with a letter, not ending with '-' (optionally `domain:`-scoped). */
export const GCP_PROJECT_ID_PATTERN = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** Firestore database ids: 4–63 of [a-z0-9-], starting with a letter, ending with a letter or digit; or `(default)`. */
export const FIRESTORE_DATABASE_ID_PATTERN = /^(?:[a-z][a-z0-9-]{2,61}[a-z0-9]|\(default\))$/;

export type BackendOptions =
  | { kind: "dynamodb"; table: string; endpoint?: string; region?: string }
  | { kind: "firestore"; projectId: string; databaseId: string };

export type ApiKeysCommand = { name: "create"; gameId: string; label: string } | { name: "list" } | { name: "revoke"; keyId: string };

export type ParsedApiKeysArgs = { ok: true; command: ApiKeysCommand; backend: BackendOptions } | { ok: false; message: string };

/** Flags that belong to one backend only; giving them to the other is a usage error, not silently ignored. */
const BACKEND_FLAGS: Record<BackendName, readonly ("table" | "endpoint" | "region" | "project" | "database")[]> = {
  dynamodb: ["table", "endpoint", "region"],
  firestore: ["project", "database"],
};

export function parseApiKeysArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedApiKeysArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        game: { type: "string" },
        label: { type: "string" },
        backend: { type: "string" },
        table: { type: "string" },
        endpoint: { type: "string" },
        region: { type: "string" },
        project: { type: "string" },
        database: { type: "string" },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;

  const backendName = values.backend ?? "dynamodb";
  if (!(BACKENDS as readonly string[]).includes(backendName)) {
    return { ok: false, message: `--backend must be one of ${BACKENDS.join(", ")} (got ${JSON.stringify(backendName)})` };
  }
  const other = BACKENDS.find((name) => name !== backendName)!;
  const foreign = BACKEND_FLAGS[other].find((flag) => values[flag] !== undefined);
  if (foreign) return { ok: false, message: `--${foreign} applies only to --backend ${other} (got --backend ${backendName})` };

  let backend: BackendOptions;
  if (backendName === "dynamodb") {
    const table = values.table ?? env.API_KEYS_TABLE;
    if (!table) return { ok: false, message: "--table is required (or set API_KEYS_TABLE)" };
    backend = { kind: "dynamodb", table, endpoint: values.endpoint, region: values.region };
  } else {
    if (values.project === undefined) return { ok: false, message: "--backend firestore needs --project <gcp-project-id>" };
    if (!GCP_PROJECT_ID_PATTERN.test(values.project)) {
      return { ok: false, message: `--project must match ${GCP_PROJECT_ID_PATTERN} (got ${JSON.stringify(values.project)})` };
    }
    const databaseId = values.database ?? env.API_KEYS_DATABASE;
    // No fallback to Firestore's "(default)" database: the ingest function reads a dedicated one, and
    // keys written anywhere else would never be accepted.
    if (!databaseId) {
      return { ok: false, message: "--backend firestore needs --database <id> (or set API_KEYS_DATABASE): the ingest function's key database" };
    }
    if (!FIRESTORE_DATABASE_ID_PATTERN.test(databaseId)) {
      return { ok: false, message: `--database must match ${FIRESTORE_DATABASE_ID_PATTERN} (got ${JSON.stringify(databaseId)})` };
    }
    backend = { kind: "firestore", projectId: values.project, databaseId };
  }

  if (command !== "create" && command !== "list" && command !== "revoke") {
    return { ok: false, message: `unknown command ${JSON.stringify(command ?? "")}; allowed: create, list, revoke` };
  }
  if (command === "create" && (!values.game || !GAME_ID_PATTERN.test(values.game))) {
    return { ok: false, message: `create needs --game <id> matching ${GAME_ID_PATTERN} (got ${JSON.stringify(values.game ?? "")})` };
  }
  if (command === "revoke" && rest.length !== 1) return { ok: false, message: "revoke needs exactly one <keyId>" };
  if (command !== "revoke" && rest.length > 0) return { ok: false, message: `unexpected argument ${JSON.stringify(rest[0])}` };

  const parsedCommand: ApiKeysCommand =
    command === "create" ? { name: "create", gameId: values.game!, label: values.label ?? "" } : command === "list" ? { name: "list" } : { name: "revoke", keyId: rest[0] };
  return { ok: true, command: parsedCommand, backend };
}
