/**
 * The Redshift COPY manifest (https://docs.aws.amazon.com/redshift/latest/dg/loading-data-files-using-manifest.html):
 * `{"entries":[{"url":"s3://bucket/key","mandatory":true}, …]}`. `mandatory` makes COPY fail if a
 * listed file vanished instead of silently loading less. `meta.content_length` is only required for
 * columnar formats but lets COPY skip a HEAD request per file, so it is always written.
 */
import type { LoadBatch } from "./lake-files";

export interface CopyManifest {
  entries: Array<{ url: string; mandatory: true; meta: { content_length: number } }>;
}

export function buildCopyManifest(bucket: string, batch: LoadBatch): CopyManifest {
  if (batch.files.length === 0) throw new Error(`batch for table ${batch.table} (fingerprint ${batch.fingerprint}) has no files`);
  return {
    entries: batch.files.map((file) => ({ url: `s3://${bucket}/${file.key}`, mandatory: true, meta: { content_length: file.size } })),
  };
}

/** Where a batch's manifest is written: one object per table, fingerprint and run. */
export function manifestKey(manifestPrefix: string, batch: LoadBatch, runId: string): string {
  return `${manifestPrefix}${batch.table}/${batch.fingerprint}-${batch.gzip ? "gz" : "plain"}-${batch.part}-${runId}.manifest`;
}
