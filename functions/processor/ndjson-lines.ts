/**
 * Splits a byte stream into lines on "\n" without decoding: the core must see each record's exact
 * bytes (invalid UTF-8 is a dead-letter reason, not something to repair while reading). A final
 * line without "\n" is a record; the empty string after a final "\n" is not.
 */
export async function* ndjsonLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let data: Buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    if (carry.length > 0) data = Buffer.concat([carry, data]);
    let start = 0;
    for (let newline = data.indexOf(0x0a, start); newline !== -1; newline = data.indexOf(0x0a, start)) {
      yield data.subarray(start, newline);
      start = newline + 1;
    }
    carry = Buffer.from(data.subarray(start));
  }
  if (carry.length > 0) yield carry;
}
