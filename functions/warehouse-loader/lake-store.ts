/** The S3 side of a load: list a table's incoming files, read a header, write a manifest, archive loaded files. */
import { CopyObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { constants, gunzipSync } from "node:zlib";
import type { LakeObject } from "./lake-files";
import type { CopyManifest } from "./copy-manifest";

/** Bytes read to find a header row: generous for hundreds of columns, small enough to stay cheap. */
export const HEADER_READ_BYTES = 64 * 1024;

export async function listObjects(s3: S3Client, bucket: string, prefix: string): Promise<LakeObject[]> {
  const objects: LakeObject[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const item of page.Contents ?? []) {
      if (item.Key) objects.push({ key: item.Key, size: Number(item.Size ?? 0) });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** The first bytes of a file as text, gunzipped when `gzip` (a truncated gzip stream is fine: sync flush). */
export async function readFileStart(s3: S3Client, bucket: string, key: string, gzip: boolean): Promise<string> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${HEADER_READ_BYTES - 1}` }));
  if (!response.Body) throw new Error(`s3://${bucket}/${key} returned no body`);
  const bytes = Buffer.from(await response.Body.transformToByteArray());
  const text = gzip ? gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }) : bytes;
  return text.toString("utf8");
}

export async function putManifest(s3: S3Client, bucket: string, key: string, manifest: CopyManifest): Promise<string> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(manifest), ContentType: "application/json" }));
  return `s3://${bucket}/${key}`;
}

/**
 * Moves loaded files from `<incomingPrefix>…` to `<loadedPrefix>…` so the next run does not load them
 * again (the merge is idempotent, so a crash between merge and move only costs a re-load).
 */
export async function archiveFiles(s3: S3Client, bucket: string, keys: string[], incomingPrefix: string, loadedPrefix: string): Promise<void> {
  for (const key of keys) {
    const target = loadedPrefix + key.slice(incomingPrefix.length);
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: target, CopySource: `${bucket}/${encodeURIComponent(key).replace(/%2F/g, "/")}` }));
  }
  for (let start = 0; start < keys.length; start += 1000) {
    const chunk = keys.slice(start, start + 1000);
    const result = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true } }));
    if (result.Errors && result.Errors.length > 0) {
      throw new Error(`could not delete ${result.Errors.length} loaded file(s) from the incoming prefix, e.g. ${result.Errors[0].Key}: ${result.Errors[0].Message}`);
    }
  }
}
