"""The PyFlink job: source table → validate (Python, core rules) → key by dedup key → keyed state with
TTL → clean / deduped / dead-letter sink tables. Only this module imports pyflink, inside build_job, so
the rest of the package runs without it.

State: one ValueState per dedup key holding the first record's source id, TTL = dedupWindowMinutes
(processing time, reset on write only, expired entries never returned, purged by RocksDB compaction).
Managed Flink always runs the RocksDB state backend and owns checkpoint/snapshot settings (the Pulumi
component configures them); for a local run the job enables both itself.
"""
import glob
import json
import os
import time

from . import metric_names
from .dedup import FIRST, classify, source_id
from .outputs import clean_record, dead_letter_record, duplicate_record
from .properties import OUTPUTS
from .sql import SINK_TABLES, SOURCE_TABLE, all_ddl, sink_columns, source_coordinates
from .validation import process_record

LOCAL_CHECKPOINT_INTERVAL_MS = 60_000


def connector_jar_urls(app_dir):
    """file:// URLs of the connector jars packaged under lib/ (see scripts/package-flink.ts)."""
    return ["file://" + os.path.abspath(p) for p in sorted(glob.glob(os.path.join(app_dir, "lib", "*.jar")))]


def build_job(config, app_dir, on_managed_flink):
    from pyflink.common import Row, Types
    from pyflink.common.time import Time
    from pyflink.datastream import OutputTag, StreamExecutionEnvironment
    from pyflink.datastream.functions import KeyedProcessFunction, ProcessFunction
    from pyflink.datastream.state import StateTtlConfig, ValueStateDescriptor
    from pyflink.table import StreamTableEnvironment
    from pyflink.table.expressions import col

    env = StreamExecutionEnvironment.get_execution_environment()
    if not on_managed_flink:
        from pyflink.datastream.state_backend import EmbeddedRocksDBStateBackend

        env.set_state_backend(EmbeddedRocksDBStateBackend(True))
        env.enable_checkpointing(LOCAL_CHECKPOINT_INTERVAL_MS)
    t_env = StreamTableEnvironment.create(env)
    jars = connector_jar_urls(app_dir)
    if jars:
        t_env.get_config().set("pipeline.jars", ";".join(jars))
    t_env.get_config().set("pipeline.name", "telemetry-dedup-route")
    for ddl in all_ddl(config):
        t_env.execute_sql(ddl)

    # Rows are built positionally in these field orders (keyword Rows may reorder fields).
    sink_row = Types.ROW_NAMED(["partition_key", "payload"], [Types.STRING(), Types.STRING()])
    keyed_row = Types.ROW_NAMED(["dedup_key", "source_id", "event", "source"], [Types.STRING()] * 4)
    dead_letter_tag = OutputTag("dead-letter", sink_row)
    deduped_tag = OutputTag("deduped", sink_row)
    options = config.core

    class ValidateRecord(ProcessFunction):
        def open(self, runtime_context):
            self.metrics = runtime_context.get_metrics_group().add_group(metric_names.METRIC_GROUP)
            self.received = self.metrics.counter(metric_names.RECORDS_RECEIVED)
            self.dead_letters = {}

        def dead_letter_counter(self, reason):
            if reason not in self.dead_letters:
                group = self.metrics.add_group(metric_names.REASON_DIMENSION, reason)
                self.dead_letters[reason] = group.counter(metric_names.RECORDS_DEAD_LETTER)
            return self.dead_letters[reason]

        def process_element(self, value, ctx):
            self.received.inc()
            row = value.as_dict()
            source = source_coordinates(config, row)
            arrival = row.get("arrival_time")
            received_at = arrival.isoformat() if arrival is not None else None
            outcome = process_record(bytes(row["data"] or b""), source, options, int(time.time() * 1000), received_at)
            if outcome.kind == "dead-letter":
                self.dead_letter_counter(outcome.dead_letter["reason"]).inc()
                payload, key = dead_letter_record(outcome.dead_letter)
                yield dead_letter_tag, Row(key, payload)
            else:
                yield Row(outcome.dedup_key, source_id(source), json.dumps(outcome.event), json.dumps(source))

    class DedupByKey(KeyedProcessFunction):
        def open(self, runtime_context):
            ttl = (
                StateTtlConfig.new_builder(Time.minutes(config.dedup_window_minutes))
                .set_update_type(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .set_state_visibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanup_in_rocksdb_compact_filter(1000)
                .build()
            )
            descriptor = ValueStateDescriptor("first_source_id", Types.STRING())
            descriptor.enable_time_to_live(ttl)
            self.first_source = runtime_context.get_state(descriptor)
            metrics = runtime_context.get_metrics_group().add_group(metric_names.METRIC_GROUP)
            self.clean_count = metrics.counter(metric_names.RECORDS_CLEAN)
            self.duplicate_count = metrics.counter(metric_names.RECORDS_DUPLICATE)

        def process_element(self, value, ctx):
            dedup_key, record_source_id, event_json, source_json = value[0], value[1], value[2], value[3]
            verdict = classify(self.first_source.value(), record_source_id)
            if verdict == FIRST:
                self.first_source.update(record_source_id)
                self.clean_count.inc()
                payload, key = clean_record(json.loads(event_json), dedup_key)
                yield Row(key, payload)
            else:
                self.duplicate_count.inc()
                payload, key = duplicate_record(json.loads(event_json), dedup_key, json.loads(source_json), verdict)
                yield deduped_tag, Row(key, payload)

    raw = t_env.to_data_stream(t_env.from_path(SOURCE_TABLE))
    validated = raw.process(ValidateRecord(), output_type=keyed_row).name("validate-normalise")
    clean = validated.key_by(lambda r: r[0], key_type=Types.STRING()).process(DedupByKey(), output_type=sink_row).name("dedup")
    streams = {"clean": clean, "deduped": clean.get_side_output(deduped_tag), "dead-letter": validated.get_side_output(dead_letter_tag)}

    statements = t_env.create_statement_set()
    columns = [col(name) for name in sink_columns(config)]
    for output in OUTPUTS:
        statements.add_insert(SINK_TABLES[output], t_env.from_data_stream(streams[output]).select(*columns))
    statements.attach_as_datastream()
    return env
