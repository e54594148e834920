import unittest

from telemetry_job.properties import job_config
from telemetry_job.sql import all_ddl, sink_columns, sink_ddl, source_coordinates, source_ddl, sql_string
from tests.fixtures import KAFKA_PROPS, KINESIS_PROPS


class KinesisSqlTest(unittest.TestCase):
    config = job_config({**KINESIS_PROPS, "source.initial.position": "TRIM_HORIZON"})

    def test_source_reads_raw_bytes_with_shard_and_sequence_metadata(self):
        ddl = source_ddl(self.config)
        self.assertIn("'connector' = 'kinesis-legacy'", ddl)
        self.assertIn("'stream' = 'prod-client-game_event-raw'", ddl)
        self.assertIn("'scan.stream.initpos' = 'TRIM_HORIZON'", ddl)
        self.assertIn("`shard_id` VARCHAR(128) NOT NULL METADATA FROM 'shard-id' VIRTUAL", ddl)
        self.assertIn("`sequence_number` VARCHAR(128) NOT NULL METADATA FROM 'sequence-number' VIRTUAL", ddl)
        self.assertIn("'format' = 'raw'", ddl)

    def test_one_sink_per_output_addressed_by_arn(self):
        ddls = all_ddl(self.config)
        self.assertEqual(len(ddls), 4)
        for output, table in (("clean", "clean_events"), ("deduped", "deduped_events"), ("dead-letter", "dead_letter_events")):
            ddl = sink_ddl(self.config, output)
            self.assertTrue(ddl.startswith(f"CREATE TABLE `{table}`"))
            self.assertIn(f"'stream.arn' = '{KINESIS_PROPS[f'sink.{output}.stream.arn']}'", ddl)
        self.assertEqual(sink_columns(self.config), ("payload",))

    def test_source_coordinates_match_the_core(self):
        row = {"shard_id": "shardId-000000000001", "sequence_number": "4959"}
        self.assertEqual(
            source_coordinates(self.config, row),
            {"kind": "kinesis", "stream": "prod-client-game_event-raw", "shardId": "shardId-000000000001", "sequenceNumber": "4959"},
        )


class KafkaSqlTest(unittest.TestCase):
    config = job_config(KAFKA_PROPS)

    def test_source_and_sinks_use_msk_iam_auth(self):
        for ddl in all_ddl(self.config):
            self.assertIn("'properties.sasl.mechanism' = 'AWS_MSK_IAM'", ddl)
            self.assertIn("'properties.bootstrap.servers' = 'b-1.msk.example:9098,b-2.msk.example:9098'", ddl)
        self.assertIn("'properties.group.id' = 'telemetry-flink'", source_ddl(self.config))
        clean = sink_ddl(self.config, "clean")
        self.assertIn("'topic' = 'game-events-clean'", clean)
        self.assertIn("'key.fields' = 'partition_key'", clean)
        self.assertEqual(sink_columns(self.config), ("partition_key", "payload"))

    def test_plaintext_cluster_has_no_sasl_options(self):
        config = job_config({**KAFKA_PROPS, "kafka.auth": "none"})
        self.assertNotIn("sasl", source_ddl(config))

    def test_literals_are_quoted(self):
        self.assertEqual(sql_string("it's"), "'it''s'")


if __name__ == "__main__":
    unittest.main()
