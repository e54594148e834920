/**
 * Local AWS emulators for function tests, each on a random loopback port, in-process.
 *
 * - `startDynamo()` — dynalite. Data lives in a LevelDB directory under the OS temp dir so that
 *   `stop()` followed by `restart()` keeps the tables and items (a real outage, then recovery).
 * - `startKinesis()` — kinesalite. The SDK's default HTTP/2 handler fails against it
 *   (`ERR_HTTP2_ERROR`), so the client uses `NodeHttpHandler` (HTTP/1.1).
 * - `startS3()` — s3rver with its fixed credentials `S3RVER`/`S3RVER` and path-style addressing.
 *
 * Every handle's `stop()` stops the server for good and deletes its data directory.
 */
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand, DescribeStreamCommand, KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The emulators ship no type declarations.
const dynalite: (options: Record<string, unknown>) => Server = require("dynalite");
const kinesalite: (options: Record<string, unknown>) => Server = require("kinesalite");
const S3rver: new (options: Record<string, unknown>) => {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
} = require("s3rver");

const LOOPBACK = "127.0.0.1";
/** Emulators accept any credentials except s3rver, which insists on its own pair. */
const FAKE_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" };
const REGION = "us-east-1";

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, LOOPBACK, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    // Keep-alive sockets from SDK clients would otherwise hold close() open.
    server.closeAllConnections?.();
    server.close((err) => (err ? reject(err) : resolve()));
  });
}

export interface DynamoEmulator {
  endpoint: string;
  port: number;
  client: DynamoDBClient;
  /** A fresh client for the same endpoint with SDK retries limited to `maxAttempts`. */
  newClient(maxAttempts?: number): DynamoDBClient;
  /** Simulated outage: the port stops answering; data is kept on disk. */
  suspend(): Promise<void>;
  /** Ends an outage: the same data comes back on the same port. */
  resume(): Promise<void>;
  /** Stops for good and deletes the data. */
  stop(): Promise<void>;
}

export async function startDynamo(): Promise<DynamoEmulator> {
  const dataDir = mkdtempSync(join(tmpdir(), "dynalite-"));
  const create = () => dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  let server: Server | undefined = create();
  const port = await listen(server, 0);
  const endpoint = `http://${LOOPBACK}:${port}`;
  const newClient = (maxAttempts = 3) =>
    new DynamoDBClient({ endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts });
  const client = newClient();
  const suspend = async () => {
    if (!server) return;
    const running = server;
    server = undefined;
    await closeServer(running);
  };
  return {
    endpoint,
    port,
    client,
    newClient,
    suspend,
    async resume() {
      if (server) return;
      server = create();
      await listen(server, port);
    },
    async stop() {
      client.destroy();
      await suspend();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates an on-demand table with string keys and waits until it is ACTIVE (dynalite, like DynamoDB,
 * answers ResourceNotFound to writes while a table is still CREATING).
 */
export async function createTable(client: DynamoDBClient, tableName: string, key: { hash: string; range?: string }): Promise<void> {
  const names = [key.hash, ...(key.range ? [key.range] : [])];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: names.map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
      KeySchema: [{ AttributeName: key.hash, KeyType: "HASH" }, ...(key.range ? [{ AttributeName: key.range, KeyType: "RANGE" as const }] : [])],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Creates a table with a string partition key `partitionKey` and waits until it is ACTIVE. */
export function createHashKeyTable(client: DynamoDBClient, tableName: string, partitionKey: string): Promise<void> {
  return createTable(client, tableName, { hash: partitionKey });
}

export interface KinesisEmulator {
  endpoint: string;
  client: KinesisClient;
  /** Creates a stream and waits until it is ACTIVE. */
  createStream(name: string, shardCount?: number): Promise<void>;
  stop(): Promise<void>;
}

export function kinesisClientFor(endpoint: string, maxAttempts = 3): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: REGION,
    credentials: FAKE_CREDENTIALS,
    maxAttempts,
    requestHandler: new NodeHttpHandler(),
  });
}

export async function startKinesis(): Promise<KinesisEmulator> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
  const port = await listen(server, 0);
  const endpoint = `http://${LOOPBACK}:${port}`;
  const client = kinesisClientFor(endpoint);
  return {
    endpoint,
    client,
    async createStream(name, shardCount = 1) {
      await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
      for (;;) {
        const { StreamDescription } = await client.send(new DescribeStreamCommand({ StreamName: name }));
        if (StreamDescription?.StreamStatus === "ACTIVE") return;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      client.destroy();
      await closeServer(server);
    },
  };
}

export interface S3Emulator {
  endpoint: string;
  client: S3Client;
  stop(): Promise<void>;
}

export async function startS3(): Promise<S3Emulator> {
  const directory = mkdtempSync(join(tmpdir(), "s3rver-"));
  const s3rver = new S3rver({ port: 0, address: LOOPBACK, silent: true, directory });
  const { port } = await s3rver.run();
  const endpoint = `http://${LOOPBACK}:${port}`;
  const client = new S3Client({
    endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  return {
    endpoint,
    client,
    async stop() {
      client.destroy();
      await s3rver.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
