/**
 * Identifier and literal rendering shared by every statement the loader generates.
 * Table and column names come from CSV headers written by other programs, so they are checked
 * against a conservative pattern (valid unquoted in Redshift and PostgreSQL) and then quoted anyway.
 */

/** Lower-case, starts with a letter or underscore, at most 127 bytes (Redshift's identifier limit). */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,126}$/;

export function assertIdentifier(value: string, what: string): string {
  if (!IDENTIFIER.test(value)) {
    throw new Error(`${what} ${JSON.stringify(value)} is not a valid identifier: expected ${IDENTIFIER.source} (lower-case letters, digits, underscore; at most 127 characters)`);
  }
  return value;
}

export function quoteIdentifier(value: string, what = "identifier"): string {
  return `"${assertIdentifier(value, what)}"`;
}

export function qualifiedName(schema: string, table: string): string {
  return `${quoteIdentifier(schema, "schema")}.${quoteIdentifier(table, "table")}`;
}

/** A single-quoted SQL string literal ('' escapes a quote in both dialects). */
export function stringLiteral(value: string): string {
  if (value.includes("\0")) throw new Error(`string literal ${JSON.stringify(value)} contains a NUL character`);
  return `'${value.replace(/'/g, "''")}'`;
}
