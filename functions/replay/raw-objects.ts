/** Reading the RAW zone: list a partition's objects, stream an object's lines (gzip detected by magic bytes). */
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { ndjsonLines } from "../processor/ndjson-lines";

export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) if (item.Key && !item.Key.endsWith("/")) keys.push(item.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

/** Chunks of the body, gunzipped when the object starts with the gzip magic bytes (Firehose GZIP output). */
async function* bodyChunks(body: Readable): AsyncGenerator<Buffer> {
  const iterator = body[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head = Buffer.from(first.value as Buffer);
  async function* whole(): AsyncGenerator<Buffer> {
    yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield Buffer.from(next.value as Buffer);
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    const feed = (async () => {
      for await (const chunk of whole()) if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once("drain", r));
      gunzip.end();
    })();
    feed.catch((error) => gunzip.destroy(error));
    yield* gunzip as AsyncIterable<Buffer>;
    await feed;
  } else {
    yield* whole();
  }
}

export async function* objectLines(s3: S3Client, bucket: string, key: string): AsyncGenerator<Buffer> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!response.Body) throw new Error(`s3://${bucket}/${key} returned no body`);
  for await (const line of ndjsonLines(bodyChunks(response.Body as Readable))) {
    if (line.length > 0) yield line;
  }
}
