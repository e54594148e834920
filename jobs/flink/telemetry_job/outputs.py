"""Bytes and partition keys of the job's three outputs, matching the Lambda processor's records
(functions/processor/output-records.ts): one JSON object per record, terminated by "\\n", so a delivery
stream concatenating records into S3 objects produces NDJSON.

- clean: the SILVER event, keyed by user_id (Kafka only; the Kinesis table sink spreads records randomly)
- deduped: {"duplicateOf", "dedupKey", "source", "event"} — the processor's duplicates.ndjson shape; duplicateOf
  is "store" (the keyed state held the key) or "redelivery" (the same source record read again)
- dead-letter: the core's DeadLetterRecord, keyed by its source id
"""
import hashlib

from .dedup import source_id
from .js_compat import js_json_stringify

MAX_PARTITION_KEY_CHARS = 256


def bounded_key(key):
    """Kinesis/Kafka keys stay readable when short; longer (or empty) ones become their SHA-256."""
    if 0 < len(key) <= MAX_PARTITION_KEY_CHARS:
        return key
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def clean_record(event, dedup_key):
    return js_json_stringify(event) + "\n", bounded_key(event.get("user_id") or dedup_key)


def duplicate_record(event, dedup_key, source, verdict):
    body = {"duplicateOf": "store" if verdict == "duplicate" else "redelivery", "dedupKey": dedup_key, "source": source, "event": event}
    return js_json_stringify(body) + "\n", bounded_key(event.get("user_id") or dedup_key)


def dead_letter_record(dead_letter):
    return js_json_stringify(dead_letter) + "\n", bounded_key(source_id(dead_letter["source"]))
