/**
 * Recognises seed 004's per-table lake files `<prefix><table>/<fingerprint>-<uuid>.csv[.gz]` and
 * groups them into load batches: one COPY can only take files with the same column list and the
 * same compression, so a batch is (table, fingerprint, gzip).
 */
import { FINGERPRINT_PATTERN } from "./header-fingerprint";

export interface LakeObject {
  key: string;
  size: number;
}

export interface LakeFile extends LakeObject {
  table: string;
  fingerprint: string;
  gzip: boolean;
}

export interface LoadBatch {
  table: string;
  fingerprint: string;
  gzip: boolean;
  /** 0-based index when a group is split into several batches by maxFilesPerBatch. */
  part: number;
  /** Sorted by key so the manifest (and a re-run) is deterministic. */
  files: LakeFile[];
}

const FILE_NAME = /^([0-9a-f]{16})-([0-9A-Za-z_-]+)\.csv(\.gz)?$/;

/** Parses one object key below `prefix`; `undefined` for keys that are not loader files (folders, manifests, other names). */
export function parseLakeKey(prefix: string, object: LakeObject): LakeFile | undefined {
  if (!object.key.startsWith(prefix)) return undefined;
  const parts = object.key.slice(prefix.length).split("/");
  if (parts.length !== 2) return undefined;
  const [table, fileName] = parts;
  const match = FILE_NAME.exec(fileName);
  if (!match || !FINGERPRINT_PATTERN.test(match[1]) || table.length === 0) return undefined;
  return { ...object, table, fingerprint: match[1], gzip: match[3] !== undefined };
}

/** Groups parsed files into batches, at most `maxFilesPerBatch` files each, in a stable order. */
export function groupIntoBatches(files: LakeFile[], maxFilesPerBatch: number): LoadBatch[] {
  if (!Number.isInteger(maxFilesPerBatch) || maxFilesPerBatch < 1) {
    throw new RangeError(`maxFilesPerBatch must be a positive integer, got ${maxFilesPerBatch}`);
  }
  const groups = new Map<string, LakeFile[]>();
  for (const file of files) {
    const id = `${file.table}\u0000${file.fingerprint}\u0000${file.gzip ? "gz" : "plain"}`;
    const group = groups.get(id) ?? [];
    group.push(file);
    groups.set(id, group);
  }
  const batches: LoadBatch[] = [];
  for (const id of [...groups.keys()].sort()) {
    const group = groups.get(id)!.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    for (let start = 0; start < group.length; start += maxFilesPerBatch) {
      const files = group.slice(start, start + maxFilesPerBatch);
      batches.push({ table: files[0].table, fingerprint: files[0].fingerprint, gzip: files[0].gzip, part: start / maxFilesPerBatch, files });
    }
  }
  return batches;
}
