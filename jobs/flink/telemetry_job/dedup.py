"""The dedup decision of the Flink job's keyed state, as a pure function.

The job keys the event stream by dedup key; each key's state holds the source id of the first record
seen with it and expires `dedupWindowMinutes` after it was written (Flink state TTL, processing time,
OnCreateAndWrite, NeverReturnExpired — an expired entry reads as absent even before RocksDB compaction
removes it). `classify` decides what a record is, given what the state holds.
"""

FIRST = "first"
DUPLICATE = "duplicate"
REDELIVERY = "redelivery"


def source_id(source):
    """The core's sourceId(): a stable string naming one source record."""
    kind = source.get("kind")
    if kind == "kinesis":
        return f"kinesis:{source['stream']}/{source['shardId']}/{source['sequenceNumber']}"
    if kind == "kafka":
        return f"kafka:{source['topic']}/{source['partition']}/{source['offset']}"
    raise ValueError(f"source kind {kind!r} is not read by the Flink job (allowed: kinesis, kafka)")


def classify(stored_source_id, record_source_id):
    """FIRST: the key is new (emit to clean, remember the source). REDELIVERY: the same source record seen
    again (a source re-read, e.g. after restoring an older snapshot) — it already went to clean, so it is
    routed with the duplicates rather than emitted twice. DUPLICATE: another record had the key first."""
    if stored_source_id is None:
        return FIRST
    if stored_source_id == record_source_id:
        return REDELIVERY
    return DUPLICATE


class InMemoryDedupState:
    """The keyed state with TTL, in memory: what the Flink operator does per key, for tests and local runs."""

    def __init__(self, window_minutes):
        if not isinstance(window_minutes, int) or window_minutes < 1:
            raise ValueError(f"window_minutes must be a positive integer, got {window_minutes!r}")
        self.ttl_ms = window_minutes * 60_000
        self._entries = {}

    def observe(self, key, record_source_id, now_ms):
        entry = self._entries.get(key)
        stored = entry[0] if entry is not None and now_ms < entry[1] else None
        verdict = classify(stored, record_source_id)
        if verdict == FIRST:
            self._entries[key] = (record_source_id, now_ms + self.ttl_ms)
        return verdict
