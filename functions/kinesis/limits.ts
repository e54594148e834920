/**
 * Kinesis Data Streams PutRecords quotas (AWS docs, "Quotas and limits" and the PutRecords API reference).
 * Sizes count the data blob before base64 encoding plus the UTF-8 bytes of the partition key, as AWS does.
 */
/** At most 500 records per PutRecords call. */
export const MAX_RECORDS_PER_PUT = 500;
/** At most 5 MiB (data + partition keys) per PutRecords call. */
export const MAX_BYTES_PER_PUT = 5 * 1024 * 1024;
/** At most 1 MiB (data + partition key) per record — the default per-stream maximum record size. */
export const MAX_RECORD_BYTES = 1024 * 1024;
/** Partition keys are 1–256 Unicode characters. */
export const MAX_PARTITION_KEY_CHARS = 256;
