import base64
import json
import unittest

from telemetry_job.validation import CoreOptions, dedup_key_of, process_record

NOW_MS = 1_795_327_200_000  # 2026-11-22T06:00:00.000Z = Date.UTC(2026, 10, 22, 6)
SOURCE = {"kind": "kinesis", "stream": "raw", "shardId": "shardId-000000000000", "sequenceNumber": "1"}
BASE = {"event_id": "evt-1", "event_type": "level_start", "event_timestamp": "2026-11-22T05:00:00.000Z", "user_id": "u-1"}


def run(value, **options):
    data = value if isinstance(value, bytes) else json.dumps(value).encode("utf-8")
    return process_record(data, SOURCE, CoreOptions(**options), NOW_MS)


class ValidationTest(unittest.TestCase):
    def assertReason(self, outcome, reason):
        self.assertEqual(outcome.kind, "dead-letter", outcome)
        self.assertEqual(outcome.dead_letter["reason"], reason, outcome.dead_letter["message"])

    def test_normalises_aliases_and_keeps_unknown_fields(self):
        outcome = run({"id": "e-9", "type": " level_complete ", "timestamp": 1795323600, "customer_id": 42, "device_os": "iOS", "moves": 7})
        self.assertEqual(outcome.kind, "event")
        event = outcome.event
        # 1795323600 s = now − 3600 s → 05:00:00.000Z
        self.assertEqual(event["event_timestamp"], "2026-11-22T05:00:00.000Z")
        self.assertEqual((event["event_id"], event["event_type"], event["user_id"], event["platform"]), ("e-9", "level_complete", "42", "ios"))
        self.assertEqual(event["parameters"], {"moves": 7})
        self.assertEqual((event["event_date"], event["event_hour"]), ("2026-11-22", 5))
        self.assertEqual(outcome.dedup_key, "e-9")

    def test_preferred_alias_wins_and_the_other_stays_in_parameters(self):
        outcome = run({**BASE, "id": "other"})
        self.assertEqual(outcome.event["event_id"], "evt-1")
        self.assertEqual(outcome.event["parameters"], {"id": "other"})

    def test_reasons_in_contract_order(self):
        self.assertReason(run(b""), "EMPTY_RECORD")
        self.assertReason(run(b"\xef\xbb\xbf  \n"), "EMPTY_RECORD")
        self.assertReason(run(b"\xff\xfe"), "INVALID_ENCODING")
        self.assertReason(run(b'{"a":NaN}'), "MALFORMED_JSON")  # Python accepts NaN, JSON does not
        self.assertReason(run(b"[1]"), "NOT_AN_OBJECT")
        self.assertReason(run(b"x" * 11, max_record_bytes=10), "RECORD_TOO_LARGE")
        self.assertReason(run({**BASE, "d": [[[[[[[[1]]]]]]]]}), "TOO_DEEP")
        self.assertReason(run({k: v for k, v in BASE.items() if k != "user_id"}), "MISSING_FIELD")
        self.assertReason(run({**BASE, "event_id": "evt-1\n"}), "INVALID_ID")  # "$" must not match before a newline
        self.assertReason(run({**BASE, "event_type": 5}), "INVALID_FIELD_TYPE")
        self.assertReason(run({**BASE, "event_timestamp": "2026-02-29T00:00:00Z"}), "INVALID_TIMESTAMP")
        # now + 1 h is the tolerance: + 1 h 1 ms is too late; now − 7 d − 1 ms too old
        self.assertReason(run({**BASE, "event_timestamp": NOW_MS + 3_600_001}), "TIMESTAMP_IN_FUTURE")
        self.assertReason(run({**BASE, "event_timestamp": NOW_MS - 7 * 86_400_000 - 1}), "TIMESTAMP_TOO_OLD")
        self.assertEqual(run({**BASE, "event_timestamp": NOW_MS + 3_600_000}).kind, "event")

    def test_ingest_envelope(self):
        wrapped = {"_ingest": {"game_id": "g1", "request_id": "r", "received_at": "2026-11-22T05:59:00Z"}, "_event": BASE}
        outcome = run(wrapped)
        self.assertEqual((outcome.event["game_id"], outcome.event["received_at"]), ("g1", "2026-11-22T05:59:00.000Z"))
        self.assertReason(run({**wrapped, "_event": {**BASE, "game_id": "g2"}}), "GAME_ID_MISMATCH")
        self.assertReason(run({**wrapped, "extra": 1}), "INVALID_INGEST_ENVELOPE")

    def test_dead_letter_keeps_original_bytes_and_source(self):
        outcome = run(b"not json")
        self.assertEqual(base64.b64decode(outcome.dead_letter["original_base64"]), b"not json")
        self.assertEqual(outcome.dead_letter["source"], SOURCE)
        self.assertEqual(outcome.dead_letter["received_at"], "2026-11-22T06:00:00.000Z")

    def test_compound_dedup_key_is_a_json_array(self):
        event = run(BASE).event
        self.assertEqual(dedup_key_of(event, ("user_id", "event_id")), '["u-1","evt-1"]')
        self.assertEqual(dedup_key_of({**event, "event_id": "[x"}, ("event_id",)), '["[x"]')


if __name__ == "__main__":
    unittest.main()
