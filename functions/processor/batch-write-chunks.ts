/** DynamoDB BatchWriteItem accepts at most 25 put/delete requests per call. */
export const BATCH_WRITE_MAX_ITEMS = 25;

/**
 * Splits item indices into BatchWriteItem calls of at most BATCH_WRITE_MAX_ITEMS, preserving order.
 * DynamoDB rejects a whole call whose items repeat a key ("Provided list of item keys contains
 * duplicates"), so an item whose key is already in the current call starts the next one (two such
 * items are one staging event by its key; one of them remains). The request size limit, 16 MB,
 * cannot bind first: 25 items of at most 400 KB are 10 MB.
 */
export function chunkForBatchWrite(indices: readonly number[], keyOf: (index: number) => string): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let keys = new Set<string>();
  for (const index of indices) {
    const key = keyOf(index);
    if (current.length === BATCH_WRITE_MAX_ITEMS || keys.has(key)) {
      chunks.push(current);
      current = [];
      keys = new Set();
    }
    current.push(index);
    keys.add(key);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
