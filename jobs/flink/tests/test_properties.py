import json
import os
import tempfile
import unittest

from telemetry_job.properties import ConfigError, job_config, load_job_config, property_map
from tests.fixtures import KAFKA_PROPS, KINESIS_PROPS


class PropertiesTest(unittest.TestCase):
    def test_kinesis_settings_and_defaults(self):
        config = job_config(KINESIS_PROPS)
        self.assertEqual((config.source_kind, config.dedup_window_minutes), ("kinesis", 30))
        self.assertEqual((config.kinesis.initial_position, config.kinesis.reader_type), ("LATEST", "POLLING"))
        self.assertEqual(config.kinesis.sink_stream_arns["dead-letter"], KINESIS_PROPS["sink.dead-letter.stream.arn"])
        self.assertEqual((config.core.max_record_bytes, config.core.dedup_key_fields), (65_536, ("event_id",)))

    def test_kafka_settings(self):
        config = job_config({**KAFKA_PROPS, "dedup.key.fields": "user_id, event_id", "dedup.window.minutes": "45"})
        self.assertEqual((config.kafka.auth, config.kafka.starting_offsets), ("iam", "latest"))
        self.assertEqual(config.core.dedup_key_fields, ("user_id", "event_id"))
        self.assertEqual(config.dedup_window_minutes, 45)

    def test_errors_name_the_key_the_value_and_what_is_allowed(self):
        cases = [
            ({**KINESIS_PROPS, "source.kind": "pubsub"}, 'source.kind = "pubsub" is invalid; allowed: kinesis, kafka'),
            ({**KINESIS_PROPS, "dedup.window.minutes": "0"}, 'dedup.window.minutes = "0" is invalid; allowed: a whole number from 1 to 10080'),
            ({**KINESIS_PROPS, "source.initial.position": "EARLIEST"}, "allowed: LATEST, TRIM_HORIZON"),
            ({**KINESIS_PROPS, "sink.clean.stream.arn": "clean"}, 'sink.clean.stream.arn = "clean" is invalid; allowed: a Kinesis stream ARN'),
            ({**KINESIS_PROPS, "source.reader.type": "EFO"}, "source.efo.consumer.name is missing"),
            ({**KINESIS_PROPS, "dedup.key.fields": "event_id,colour"}, "dedup.key.fields"),
            ({**KINESIS_PROPS, "source.topic": "t"}, "source.topic are not used with source.kind=kinesis"),
        ]
        for props, message in cases:
            with self.assertRaises(ConfigError) as caught:
                job_config(props)
            self.assertIn(message, str(caught.exception))

    def test_reads_the_managed_flink_properties_file(self):
        groups = [{"PropertyGroupId": "kinesis.analytics.flink.run.options", "PropertyMap": {"python": "main.py"}}, {"PropertyGroupId": "telemetry", "PropertyMap": KINESIS_PROPS}]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(groups, handle)
        try:
            self.assertEqual(load_job_config(handle.name).kinesis.stream_name, "prod-client-game_event-raw")
        finally:
            os.unlink(handle.name)
        with self.assertRaises(ConfigError) as caught:
            property_map(groups[:1])
        self.assertIn("group telemetry is missing (found: kinesis.analytics.flink.run.options)", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
