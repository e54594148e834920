/**
 * Incremental parser for the CSV files Athena writes as query results (RFC 4180: every value in double
 * quotes, `""` for a quote inside, NULL as an empty unquoted field, `\n` between rows). Fed chunk by
 * chunk from the S3 object stream, so a result of millions of rows never sits in memory whole.
 * A field is `null` when it was empty and unquoted (SQL NULL), `""` when it was `""`.
 */
export type CsvField = string | null;

export class CsvSyntaxError extends Error {}

export class CsvRowParser {
  private field = "";
  private quoted = false;
  private inQuotes = false;
  /** A quote seen inside quotes: either the closing quote or the first half of `""`. */
  private quotePending = false;
  private row: CsvField[] = [];
  private line = 1;

  /** Rows completed by this chunk. */
  push(chunk: string): CsvField[][] {
    const rows: CsvField[][] = [];
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (ch === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false; // that quote closed the field; fall through to handle ch unquoted
        } else if (ch === '"') {
          this.quotePending = true;
          continue;
        } else {
          if (ch === "\n") this.line++;
          this.field += ch;
          continue;
        }
      }
      if (ch === ",") this.endField();
      else if (ch === "\n") {
        this.endField();
        rows.push(this.row);
        this.row = [];
        this.line++;
      } else if (ch === "\r") {
        // CRLF line ends: the \n ends the row.
      } else if (ch === '"') {
        if (this.field !== "" || this.quoted) throw new CsvSyntaxError(`line ${this.line}: quote inside an unquoted field`);
        this.inQuotes = true;
        this.quoted = true;
      } else {
        if (this.quoted) throw new CsvSyntaxError(`line ${this.line}: text after a closing quote`);
        this.field += ch;
      }
    }
    return rows;
  }

  /** The last row when the file does not end with a newline; an error when a quote is still open. */
  end(): CsvField[][] {
    if (this.inQuotes && !this.quotePending) throw new CsvSyntaxError(`line ${this.line}: file ends inside a quoted field`);
    this.inQuotes = false;
    this.quotePending = false;
    if (this.row.length === 0 && this.field === "" && !this.quoted) return [];
    this.endField();
    const last = this.row;
    this.row = [];
    return [last];
  }

  private endField(): void {
    this.row.push(this.field === "" && !this.quoted ? null : this.field);
    this.field = "";
    this.quoted = false;
  }
}
