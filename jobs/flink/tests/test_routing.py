import json
import unittest

from telemetry_job.dedup import InMemoryDedupState
from telemetry_job.properties import job_config
from telemetry_job.routing import LocalRouter
from tests.fixtures import KINESIS_PROPS

NOW_MS = 1_795_327_200_000  # 2026-11-22T06:00:00.000Z
MINUTE = 60_000


def record(event_id, user="u-1"):
    return json.dumps({"event_id": event_id, "event_type": "level_start", "event_timestamp": "2026-11-22T05:00:00Z", "user_id": user}).encode()


def source(seq):
    return {"kind": "kinesis", "stream": "raw", "shardId": "shardId-000000000000", "sequenceNumber": str(seq)}


class RoutingTest(unittest.TestCase):
    def test_every_record_ends_in_exactly_one_output(self):
        router = LocalRouter(job_config({**KINESIS_PROPS, "dedup.window.minutes": "10"}))
        routes = [
            router.route(record("e1"), source(1), NOW_MS),
            router.route(record("e1"), source(2), NOW_MS + MINUTE),  # same key 1 min later → duplicate
            router.route(b"{broken", source(3), NOW_MS),
            router.route(record("e2"), source(4), NOW_MS),
        ]
        self.assertEqual(routes, ["clean", "deduped", "dead-letter", "clean"])
        self.assertEqual({k: len(v) for k, v in router.outputs.items()}, {"clean": 2, "deduped": 1, "dead-letter": 1})
        payload, key = router.outputs["deduped"][0]
        body = json.loads(payload)
        self.assertEqual((body["dedupKey"], body["duplicateOf"], body["source"]["sequenceNumber"], key), ("e1", "store", "2", "u-1"))
        dead_payload, dead_key = router.outputs["dead-letter"][0]
        self.assertEqual((json.loads(dead_payload)["reason"], dead_key), ("MALFORMED_JSON", "kinesis:raw/shardId-000000000000/3"))
        self.assertTrue(all(p.endswith("\n") for p, _ in router.outputs["clean"]))

    def test_state_expires_after_the_dedup_window(self):
        state = InMemoryDedupState(10)
        self.assertEqual(state.observe("k", "s1", NOW_MS), "first")
        # written at NOW; TTL 10 min: still held 1 ms before NOW + 10 min, gone at NOW + 10 min
        self.assertEqual(state.observe("k", "s2", NOW_MS + 10 * MINUTE - 1), "duplicate")
        self.assertEqual(state.observe("k", "s3", NOW_MS + 10 * MINUTE), "first")
        # a duplicate does not extend the window (TTL updated on create/write only)
        self.assertEqual(state.observe("k", "s4", NOW_MS + 20 * MINUTE - 1), "duplicate")
        self.assertEqual(state.observe("k", "s3", NOW_MS + 10 * MINUTE + 5), "redelivery")

    def test_window_must_be_positive(self):
        with self.assertRaises(ValueError):
            InMemoryDedupState(0)


if __name__ == "__main__":
    unittest.main()
