/**
 * SQL for one load (seed 004): COPY the batch's files into a staging table shaped like the reporting
 * table, then merge staging into the reporting table keyed by the table key, latest row by the
 * table's timestamp column winning.
 *
 * One model, two dialects. Only COPY differs: Redshift reads a manifest of S3 objects, PostgreSQL
 * reads the same CSV text from STDIN (the tests run the PostgreSQL dialect for real). The staging
 * and merge statements are written in the SQL both engines accept (DELETE … USING, window
 * functions, NOT EXISTS), so what the tests execute is what Redshift runs.
 *
 * Merge semantics:
 * - staging is first reduced to one row per key: the latest by `orderBy` (NULL counts as oldest),
 *   ties broken by the remaining columns' text so a re-run picks the same row;
 * - rows with a NULL key column are not merged (a NULL never equals anything, so they would be
 *   re-inserted by every re-run); `nullKeyRowsSql` counts them for the report;
 * - a reporting row is replaced when the staged row is at least as new; an older staged row is
 *   dropped. Re-running the same load therefore changes nothing.
 */
import { assertIdentifier, qualifiedName, quoteIdentifier, stringLiteral } from "./sql-text";

export interface TableLoadSpec {
  /** Reporting table name (also the lake folder name). */
  table: string;
  /** Columns that identify a row (seed 004: one uuid, sometimes two). */
  key: string[];
  /** Timestamp column: the latest row per key wins. */
  orderBy: string;
}

export interface LoadModel extends TableLoadSpec {
  reportingSchema: string;
  stagingSchema: string;
  /** Column list of the files being loaded (from the header fingerprint), in file order. */
  columns: string[];
}

export function loadModel(spec: TableLoadSpec, columns: string[], schemas: { reportingSchema: string; stagingSchema: string }): LoadModel {
  assertIdentifier(spec.table, "table");
  assertIdentifier(schemas.reportingSchema, "reporting schema");
  assertIdentifier(schemas.stagingSchema, "staging schema");
  if (schemas.reportingSchema === schemas.stagingSchema) {
    throw new Error(`staging schema must differ from the reporting schema (both ${JSON.stringify(schemas.stagingSchema)}): the staging table has the same name as the reporting table`);
  }
  if (columns.length === 0) throw new Error(`table ${spec.table}: the file header has no columns`);
  columns.forEach((c) => assertIdentifier(c, `table ${spec.table} column`));
  if (spec.key.length === 0) throw new Error(`table ${spec.table}: key must name at least one column`);
  const missing = [...spec.key, spec.orderBy].filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`table ${spec.table}: key/orderBy column(s) ${missing.join(", ")} are not in the file header (${columns.join(", ")})`);
  }
  return { ...spec, key: [...spec.key], columns: [...columns], ...schemas };
}

const columnList = (columns: string[]) => columns.map((c) => quoteIdentifier(c)).join(", ");

/** Creates the staging schema/table if needed and empties it (the seed: staging tables are created by the loader with CREATE TABLE LIKE). */
export function prepareStagingSql(m: LoadModel): string[] {
  const staging = qualifiedName(m.stagingSchema, m.table);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(m.stagingSchema)}`,
    `CREATE TABLE IF NOT EXISTS ${staging} (LIKE ${qualifiedName(m.reportingSchema, m.table)})`,
    `TRUNCATE ${staging}`,
  ];
}

export interface RedshiftCopySource {
  manifestUrl: string;
  iamRoleArn: string;
  region: string;
  gzip: boolean;
}

/** Seed 004's COPY: manifest of CSV files with a header row, empty fields as NULL, auto time format. */
export function redshiftCopySql(m: LoadModel, source: RedshiftCopySource): string {
  if (!source.manifestUrl.startsWith("s3://")) throw new Error(`manifestUrl must be an s3:// URL, got ${JSON.stringify(source.manifestUrl)}`);
  return [
    `COPY ${qualifiedName(m.stagingSchema, m.table)} (${columnList(m.columns)})`,
    `FROM ${stringLiteral(source.manifestUrl)}`,
    `IAM_ROLE ${stringLiteral(source.iamRoleArn)}`,
    `MANIFEST REGION ${stringLiteral(source.region)}`,
    `CSV${source.gzip ? " GZIP" : ""} IGNOREHEADER 1 EMPTYASNULL TIMEFORMAT 'auto' DATEFORMAT 'auto'`,
  ].join("\n");
}

/**
 * PostgreSQL's COPY of the same CSV text. HEADER skips the header row like IGNOREHEADER 1; FORCE_NULL
 * on every column turns quoted empty strings into NULL as Redshift's EMPTYASNULL does (unquoted empty
 * fields are NULL in PostgreSQL's CSV format already).
 */
export function postgresCopySql(m: LoadModel): string {
  return `COPY ${qualifiedName(m.stagingSchema, m.table)} (${columnList(m.columns)}) FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NULL (${columnList(m.columns)}))`;
}

/** Staging reduced to the winning row per key, as a derived table aliased `s`. */
function latestStagedRows(m: LoadModel): string {
  const tieBreak = m.columns.filter((c) => !m.key.includes(c) && c !== m.orderBy);
  const order = [
    `${quoteIdentifier(m.orderBy)} DESC NULLS LAST`,
    ...tieBreak.map((c) => `CAST(${quoteIdentifier(c)} AS VARCHAR) DESC NULLS LAST`),
  ].join(", ");
  const keyNotNull = m.key.map((k) => `${quoteIdentifier(k)} IS NOT NULL`).join(" AND ");
  return (
    `(SELECT ${columnList(m.columns)} FROM (` +
    `SELECT ${columnList(m.columns)}, ROW_NUMBER() OVER (PARTITION BY ${columnList(m.key)} ORDER BY ${order}) AS "load_rank" ` +
    `FROM ${qualifiedName(m.stagingSchema, m.table)} WHERE ${keyNotNull}` +
    `) AS "ranked" WHERE "load_rank" = 1) AS "s"`
  );
}

/** Deletes reporting rows that the staged rows replace (staged row at least as new). */
export function mergeDeleteSql(m: LoadModel): string {
  const target = qualifiedName(m.reportingSchema, m.table);
  const keyMatch = m.key.map((k) => `${target}.${quoteIdentifier(k)} = "s".${quoteIdentifier(k)}`).join(" AND ");
  const ts = quoteIdentifier(m.orderBy);
  return (
    `DELETE FROM ${target} USING ${latestStagedRows(m)} ` +
    `WHERE ${keyMatch} AND (${target}.${ts} IS NULL OR ("s".${ts} IS NOT NULL AND ${target}.${ts} <= "s".${ts}))`
  );
}

/** Inserts staged rows whose key has no (newer) reporting row left after `mergeDeleteSql`. */
export function mergeInsertSql(m: LoadModel): string {
  const target = qualifiedName(m.reportingSchema, m.table);
  const keyMatch = m.key.map((k) => `"r".${quoteIdentifier(k)} = "s".${quoteIdentifier(k)}`).join(" AND ");
  return (
    `INSERT INTO ${target} (${columnList(m.columns)}) ` +
    `SELECT ${m.columns.map((c) => `"s".${quoteIdentifier(c)}`).join(", ")} FROM ${latestStagedRows(m)} ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${target} AS "r" WHERE ${keyMatch})`
  );
}

/** Staged rows left out of the merge because a key column is NULL. */
export function nullKeyRowsSql(m: LoadModel): string {
  const anyNull = m.key.map((k) => `${quoteIdentifier(k)} IS NULL`).join(" OR ");
  return `SELECT COUNT(*) AS "null_key_rows" FROM ${qualifiedName(m.stagingSchema, m.table)} WHERE ${anyNull}`;
}

/** The merge as it runs in one transaction (Redshift Data API BatchExecuteStatement is one transaction). */
export function mergeSql(m: LoadModel): string[] {
  return [mergeDeleteSql(m), mergeInsertSql(m)];
}
