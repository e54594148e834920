"""What happens to one source record, without Flink: validate/normalise (the core's rules), then dedup.

The Flink job runs the same two steps as operators (validation per record, dedup in keyed state);
`LocalRouter` chains them in memory so the routing can be tested here and a file can be run through
the job's logic locally.
"""
from .dedup import FIRST, InMemoryDedupState, source_id
from .outputs import clean_record, dead_letter_record, duplicate_record
from .validation import process_record


class LocalRouter:
    """Routes records to clean / deduped / dead-letter like the job (state TTL = dedup window)."""

    def __init__(self, config):
        self.config = config
        self.state = InMemoryDedupState(config.dedup_window_minutes)
        self.outputs = {"clean": [], "deduped": [], "dead-letter": []}

    def route(self, data, source, now_ms, received_at=None):
        outcome = process_record(data, source, self.config.core, now_ms, received_at)
        if outcome.kind == "dead-letter":
            self.outputs["dead-letter"].append(dead_letter_record(outcome.dead_letter))
            return "dead-letter"
        verdict = self.state.observe(outcome.dedup_key, source_id(source), now_ms)
        if verdict == FIRST:
            self.outputs["clean"].append(clean_record(outcome.event, outcome.dedup_key))
            return "clean"
        self.outputs["deduped"].append(duplicate_record(outcome.event, outcome.dedup_key, source, verdict))
        return "deduped"
