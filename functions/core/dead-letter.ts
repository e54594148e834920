import { toBase64 } from "./base64";
import type { DeadLetterRecord } from "./envelope";
import type { Rejection } from "./rejection";
import type { RawRecord } from "./source";

/** A dead-letter record keeping the exact original bytes (base64) and where they came from. */
export function deadLetterOf(record: RawRecord, rejection: Rejection, receivedAt: string): DeadLetterRecord {
  return {
    reason: rejection.reason,
    message: rejection.message,
    original_base64: toBase64(record.data),
    source: record.source,
    received_at: receivedAt,
  };
}
