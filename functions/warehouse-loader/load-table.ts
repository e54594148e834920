/** One table's load: files → batches → header → manifest → COPY into staging → merge → archive. */
import type { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import type { S3Client } from "@aws-sdk/client-s3";
import { buildCopyManifest, manifestKey } from "./copy-manifest";
import { HeaderCache, parseHeaderLine } from "./header-fingerprint";
import { groupIntoBatches, parseLakeKey, type LakeFile, type LoadBatch } from "./lake-files";
import { archiveFiles, listObjects, putManifest, readFileStart } from "./lake-store";
import type { LoaderConfig } from "./loader-config";
import { loadModel, mergeSql, prepareStagingSql, redshiftCopySql, type TableLoadSpec } from "./load-sql";
import { runBatch, type PollOptions } from "./redshift-statements";

export interface LoaderDeps {
  s3: S3Client;
  redshift: RedshiftDataClient;
  headers: HeaderCache;
  sleep?: PollOptions["sleep"];
}

export interface BatchReport {
  fingerprint: string;
  files: number;
  manifestUrl: string;
  rowsCopied: number;
  rowsReplaced: number;
  rowsInserted: number;
}

export interface TableReport {
  table: string;
  batches: BatchReport[];
  /** Keys below the table's folder that are not loader files (left in place, reported so they get noticed). */
  ignoredKeys: string[];
}

async function columnsFor(deps: LoaderDeps, config: LoaderConfig, batch: LoadBatch): Promise<string[]> {
  const cached = deps.headers.get(batch.fingerprint);
  if (cached) return cached;
  const first = batch.files[0];
  const header = parseHeaderLine(await readFileStart(deps.s3, config.bucket, first.key, batch.gzip));
  return deps.headers.remember(batch.fingerprint, header, `s3://${config.bucket}/${first.key}`);
}

export async function loadTable(deps: LoaderDeps, config: LoaderConfig, spec: TableLoadSpec, runId: string): Promise<TableReport> {
  const tablePrefix = `${config.incomingPrefix}${spec.table}/`;
  const objects = await listObjects(deps.s3, config.bucket, tablePrefix);
  const files: LakeFile[] = [];
  const ignoredKeys: string[] = [];
  for (const object of objects) {
    const file = parseLakeKey(config.incomingPrefix, object);
    if (file && file.table === spec.table) files.push(file);
    else if (!object.key.endsWith("/")) ignoredKeys.push(object.key);
  }
  const batches: BatchReport[] = [];
  for (const batch of groupIntoBatches(files, config.maxFilesPerLoad)) {
    const model = loadModel(spec, await columnsFor(deps, config, batch), { reportingSchema: config.reportingSchema, stagingSchema: config.stagingSchema });
    const manifestUrl = await putManifest(deps.s3, config.bucket, manifestKey(config.manifestPrefix, batch, runId), buildCopyManifest(config.bucket, batch));
    const poll = { ...config.poll, sleep: deps.sleep };
    const name = `load-${spec.table}-${batch.fingerprint}-${batch.part}`;
    // TRUNCATE commits in Redshift, so staging is prepared in its own batch before the load transaction.
    await runBatch(deps.redshift, config.redshift, prepareStagingSql(model), `${name}-prepare`, poll);
    const copy = redshiftCopySql(model, { manifestUrl, iamRoleArn: config.copyRoleArn, region: config.region, gzip: batch.gzip });
    const outcome = await runBatch(deps.redshift, config.redshift, [copy, ...mergeSql(model)], name, poll);
    await archiveFiles(deps.s3, config.bucket, batch.files.map((f) => f.key), config.incomingPrefix, config.loadedPrefix);
    const [rowsCopied = 0, rowsReplaced = 0, rowsInserted = 0] = outcome.rowsPerStatement;
    batches.push({ fingerprint: batch.fingerprint, files: batch.files.length, manifestUrl, rowsCopied, rowsReplaced, rowsInserted });
  }
  return { table: spec.table, batches, ignoredKeys };
}
