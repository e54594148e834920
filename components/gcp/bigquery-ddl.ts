/**
 * Reads the CREATE TABLE statements in `sql/bigquery/*.sql` (the seed 003 DDL is the one source of
 * every table's columns): column list, PARTITION BY, CLUSTER BY and OPTIONS, and turns the columns
 * into the JSON schema `gcp.bigquery.Table` takes. Pure; handles the scalar column syntax the DDL
 * files use (`name TYPE [NOT NULL]`), and refuses anything else rather than guessing.
 */

export const BIGQUERY_SCALAR_TYPES = ["STRING", "INT64", "FLOAT64", "NUMERIC", "BOOL", "BYTES", "DATE", "TIMESTAMP", "DATETIME", "JSON"] as const;
export type BigQueryScalarType = (typeof BIGQUERY_SCALAR_TYPES)[number];

export interface DdlColumn {
  name: string;
  type: BigQueryScalarType;
  mode: "REQUIRED" | "NULLABLE";
}

export interface TableDdl {
  /** The last part of the table path, e.g. `events`. */
  table: string;
  columns: DdlColumn[];
  /** Partition column (`event_date`) and whether it is `DATE(<timestamp column>)`. */
  partitionBy?: { column: string; viaDate: boolean };
  clusterBy: string[];
  options: Record<string, string>;
}

/** Strips `-- …` comments (none of the DDL files has `--` inside a string literal). */
function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, "");
}

export function parseCreateTable(sql: string): TableDdl {
  const text = stripComments(sql);
  const head = /CREATE\s+TABLE\s+`([^`]+)`\s*\(/i.exec(text);
  if (!head) throw new SyntaxError("no CREATE TABLE `…` ( statement found");
  const table = head[1].split(".").pop()!;
  const bodyStart = head.index + head[0].length;
  const bodyEnd = matchingParen(text, bodyStart - 1);
  const columns = text
    .slice(bodyStart, bodyEnd)
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((definition) => parseColumn(definition, table));
  const names = new Set<string>();
  for (const column of columns) {
    if (names.has(column.name)) throw new SyntaxError(`${table}: column ${column.name} is defined twice`);
    names.add(column.name);
  }
  const tail = text.slice(bodyEnd + 1);
  const partition = /PARTITION\s+BY\s+(DATE\s*\(\s*(\w+)\s*\)|(\w+))/i.exec(tail);
  const cluster = /CLUSTER\s+BY\s+([\w\s,]+?)(?=\s+OPTIONS|\s*;|\s*$)/i.exec(tail);
  const optionsMatch = /OPTIONS\s*\(([^)]*)\)/i.exec(tail);
  const options: Record<string, string> = {};
  for (const pair of optionsMatch ? optionsMatch[1].split(",") : []) {
    const [key, value] = pair.split("=").map((s) => s.trim());
    if (key) options[key] = value;
  }
  const ddl: TableDdl = {
    table,
    columns,
    clusterBy: cluster ? cluster[1].split(",").map((c) => c.trim()).filter(Boolean) : [],
    options,
  };
  if (partition) ddl.partitionBy = { column: partition[2] ?? partition[3], viaDate: Boolean(partition[2]) };
  for (const column of [...(ddl.partitionBy ? [ddl.partitionBy.column] : []), ...ddl.clusterBy]) {
    if (!names.has(column)) throw new SyntaxError(`${table}: PARTITION/CLUSTER BY names unknown column ${column}`);
  }
  return ddl;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  throw new SyntaxError("unbalanced parentheses in CREATE TABLE");
}

function parseColumn(definition: string, table: string): DdlColumn {
  const match = /^(\w+)\s+(\w+)(\s+NOT\s+NULL)?$/i.exec(definition.replace(/\s+/g, " "));
  if (!match) throw new SyntaxError(`${table}: cannot read column definition ${JSON.stringify(definition)}`);
  const type = match[2].toUpperCase() as BigQueryScalarType;
  if (!(BIGQUERY_SCALAR_TYPES as readonly string[]).includes(type)) {
    throw new SyntaxError(`${table}.${match[1]}: type ${match[2]} is not one of ${BIGQUERY_SCALAR_TYPES.join(", ")}`);
  }
  return { name: match[1], type, mode: match[3] ? "REQUIRED" : "NULLABLE" };
}

/** The legacy type names the BigQuery tables API (and so `gcp.bigquery.Table.schema`) reports. */
const API_TYPE: Record<BigQueryScalarType, string> = {
  STRING: "STRING",
  INT64: "INTEGER",
  FLOAT64: "FLOAT",
  NUMERIC: "NUMERIC",
  BOOL: "BOOLEAN",
  BYTES: "BYTES",
  DATE: "DATE",
  TIMESTAMP: "TIMESTAMP",
  DATETIME: "DATETIME",
  JSON: "JSON",
};

/** `gcp.bigquery.Table.schema`: a JSON array of {name, type, mode}. */
export function schemaJson(columns: readonly DdlColumn[]): string {
  return JSON.stringify(columns.map((c) => ({ name: c.name, type: API_TYPE[c.type], mode: c.mode })));
}
