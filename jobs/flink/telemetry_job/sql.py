"""Flink SQL DDL of the job's source and sink tables, generated from the validated JobConfig.

Kinesis (connector artifact flink-sql-connector-kinesis 5.x): the source uses the `kinesis-legacy`
identifier because only it exposes the shard id and sequence number as metadata (the new `kinesis`
source cannot read VIRTUAL metadata columns yet, FLINK-36671), and every dead letter must say where it
came from. Sinks use the `kinesis` (Sink v2) identifier, addressed by stream ARN.
Kafka (flink-sql-connector-kafka 3.x): metadata topic/partition/offset; sinks write the partition key
as the Kafka record key (raw) and the JSON line as the value (raw).
Every table reads/writes raw bytes/strings: parsing is done by the job's Python code with the core's
rules, so malformed records reach the dead-letter sink instead of failing a format decoder.
"""
from .properties import OUTPUTS

SOURCE_TABLE = "raw_events"
SINK_TABLES = {"clean": "clean_events", "deduped": "deduped_events", "dead-letter": "dead_letter_events"}


def sql_string(value):
    """A single-quoted Flink SQL literal."""
    return "'" + str(value).replace("'", "''") + "'"


def _with(options):
    return "WITH (\n" + ",\n".join(f"  {sql_string(k)} = {sql_string(v)}" for k, v in options.items()) + "\n)"


def _kafka_security(settings):
    if settings.auth != "iam":
        return {}
    return {
        "properties.security.protocol": "SASL_SSL",
        "properties.sasl.mechanism": "AWS_MSK_IAM",
        "properties.sasl.jaas.config": "software.amazon.msk.auth.iam.IAMLoginModule required;",
        "properties.sasl.client.callback.handler.class": "software.amazon.msk.auth.iam.IAMClientCallbackHandler",
    }


def source_ddl(config):
    """CREATE TABLE for the raw stream: the record bytes, arrival time and source coordinates."""
    if config.source_kind == "kinesis":
        k = config.kinesis
        options = {
            "connector": "kinesis-legacy",
            "stream": k.stream_name,
            "aws.region": k.region,
            "scan.stream.initpos": k.initial_position,
            "format": "raw",
        }
        if k.reader_type == "EFO":
            options["scan.stream.recordpublisher"] = "EFO"
            options["scan.stream.efo.consumername"] = k.efo_consumer_name
        columns = [
            "`data` BYTES",
            "`arrival_time` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL",
            "`shard_id` VARCHAR(128) NOT NULL METADATA FROM 'shard-id' VIRTUAL",
            "`sequence_number` VARCHAR(128) NOT NULL METADATA FROM 'sequence-number' VIRTUAL",
        ]
    else:
        k = config.kafka
        options = {
            "connector": "kafka",
            "topic": k.topic,
            "properties.bootstrap.servers": k.bootstrap_servers,
            "properties.group.id": k.group_id,
            # committed offsets of the group first; the reset policy applies only to a new group
            "scan.startup.mode": "group-offsets",
            "properties.auto.offset.reset": k.starting_offsets,
            "format": "raw",
            **_kafka_security(k),
        }
        columns = [
            "`data` BYTES",
            "`arrival_time` TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL",
            "`topic` STRING METADATA FROM 'topic' VIRTUAL",
            "`partition_id` INT METADATA FROM 'partition' VIRTUAL",
            "`offset_id` BIGINT METADATA FROM 'offset' VIRTUAL",
        ]
    return f"CREATE TABLE `{SOURCE_TABLE}` (\n  " + ",\n  ".join(columns) + "\n) " + _with(options)


def sink_columns(config):
    """Column names of every sink table, in order (the job builds its rows to match)."""
    return ("payload",) if config.source_kind == "kinesis" else ("partition_key", "payload")


def sink_ddl(config, output):
    if output not in OUTPUTS:
        raise ValueError(f"output {output!r} is not one of {', '.join(OUTPUTS)}")
    table = SINK_TABLES[output]
    if config.source_kind == "kinesis":
        options = {
            "connector": "kinesis",
            "stream.arn": config.kinesis.sink_stream_arns[output],
            "aws.region": config.kinesis.region,
            # The raw format carries one column, so the key cannot be a column: spread records randomly.
            "sink.partitioner": "random",
            "format": "raw",
        }
        return f"CREATE TABLE `{table}` (\n  `payload` STRING\n) " + _with(options)
    k = config.kafka
    options = {
        "connector": "kafka",
        "topic": k.sink_topics[output],
        "properties.bootstrap.servers": k.bootstrap_servers,
        "key.format": "raw",
        "key.fields": "partition_key",
        "value.format": "raw",
        "value.fields-include": "EXCEPT_KEY",
        "sink.delivery-guarantee": "at-least-once",
        **_kafka_security(k),
    }
    return f"CREATE TABLE `{table}` (\n  `partition_key` STRING,\n  `payload` STRING\n) " + _with(options)


def all_ddl(config):
    """Every CREATE TABLE the job runs, source first."""
    return [source_ddl(config)] + [sink_ddl(config, output) for output in OUTPUTS]


def source_coordinates(config, row):
    """The core's SourceCoordinates of a source row (dict with the metadata columns)."""
    if config.source_kind == "kinesis":
        return {"kind": "kinesis", "stream": config.kinesis.stream_name, "shardId": row["shard_id"], "sequenceNumber": row["sequence_number"]}
    return {"kind": "kafka", "topic": row["topic"], "partition": int(row["partition_id"]), "offset": str(row["offset_id"])}
