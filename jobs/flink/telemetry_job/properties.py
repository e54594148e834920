"""The job's settings from Managed Flink application properties.

Managed Service for Apache Flink writes the application's runtime properties to
/etc/flink/application_properties.json as [{"PropertyGroupId": …, "PropertyMap": {…}}, …]. The job
reads the group "telemetry" (set by the Pulumi component; docs/heavy-tier.md lists every key).
A missing or bad value fails the job at start with the key, the value and the allowed values.
"""
import json
import os
import re
from dataclasses import dataclass
from typing import Optional

from .validation import DEDUP_KEY_SILVER_FIELDS, CoreOptions

PROPERTY_GROUP = "telemetry"
MANAGED_FLINK_PROPERTIES_FILE = "/etc/flink/application_properties.json"
SOURCE_KINDS = ("kinesis", "kafka")
KINESIS_INITIAL_POSITIONS = ("LATEST", "TRIM_HORIZON")
KINESIS_READER_TYPES = ("POLLING", "EFO")
KAFKA_AUTH = ("iam", "none")
KAFKA_STARTING_OFFSETS = ("latest", "earliest")
OUTPUTS = ("clean", "deduped", "dead-letter")

COMMON_KEYS = {
    "source.kind",
    "dedup.window.minutes",
    "dedup.key.fields",
    "max.record.bytes",
    "max.depth",
    "max.fields",
    "max.age.days",
    "future.tolerance.ms",
}
KINESIS_KEYS = {"aws.region", "source.stream.name", "source.initial.position", "source.reader.type", "source.efo.consumer.name"} | {
    f"sink.{o}.stream.arn" for o in OUTPUTS
}
KAFKA_KEYS = {"kafka.bootstrap.servers", "kafka.auth", "source.topic", "source.group.id", "source.starting.offsets"} | {f"sink.{o}.topic" for o in OUTPUTS}

_KINESIS_STREAM_ARN = re.compile(r"arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]{1,128}")
_KINESIS_STREAM_NAME = re.compile(r"[A-Za-z0-9_.-]{1,128}")
_KAFKA_TOPIC = re.compile(r"[A-Za-z0-9._-]{1,249}")
_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-[0-9]")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True)
class KinesisSettings:
    region: str
    stream_name: str
    initial_position: str
    reader_type: str
    efo_consumer_name: Optional[str]
    sink_stream_arns: dict  # output → stream ARN


@dataclass(frozen=True)
class KafkaSettings:
    bootstrap_servers: str
    auth: str
    topic: str
    group_id: str
    starting_offsets: str
    sink_topics: dict  # output → topic


@dataclass(frozen=True)
class JobConfig:
    source_kind: str
    dedup_window_minutes: int
    core: CoreOptions
    kinesis: Optional[KinesisSettings] = None
    kafka: Optional[KafkaSettings] = None


def _bad(key, value, allowed):
    return ConfigError(f"application property {PROPERTY_GROUP}/{key} = {json.dumps(value)} is invalid; allowed: {allowed}")


def _required(props, key, pattern=None, describe="a non-empty string"):
    value = props.get(key)
    if value is None or value == "":
        raise ConfigError(f"application property {PROPERTY_GROUP}/{key} is missing; expected {describe}")
    if pattern is not None and pattern.fullmatch(value) is None:
        raise _bad(key, value, describe)
    return value


def _choice(props, key, allowed, default):
    value = props.get(key, default)
    if value not in allowed:
        raise _bad(key, value, ", ".join(allowed))
    return value


def _integer(props, key, default, low, high):
    raw = props.get(key)
    if raw is None:
        return default
    if not re.fullmatch(r"[0-9]+", str(raw)) or not low <= int(raw) <= high:
        raise _bad(key, raw, f"a whole number from {low} to {high}")
    return int(raw)


def _number(props, key, default, low, high):
    raw = props.get(key)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise _bad(key, raw, f"a number greater than {low} and at most {high}") from None
    if not low < value <= high:
        raise _bad(key, raw, f"a number greater than {low} and at most {high}")
    return int(value) if value.is_integer() else value


def _dedup_fields(props):
    raw = props.get("dedup.key.fields", "event_id")
    fields = tuple(f.strip() for f in str(raw).split(",") if f.strip())
    allowed = f"a comma-separated list of {', '.join(DEDUP_KEY_SILVER_FIELDS)} or parameters.<name>"
    if not fields or len(set(fields)) != len(fields):
        raise _bad("dedup.key.fields", raw, allowed + " (each once)")
    for name in fields:
        if name not in DEDUP_KEY_SILVER_FIELDS and not (name.startswith("parameters.") and len(name) > len("parameters.")):
            raise _bad("dedup.key.fields", raw, allowed)
    return fields


def job_config(props):
    """Validated JobConfig from the "telemetry" property map (all values are strings in Managed Flink)."""
    kind = _choice(props, "source.kind", SOURCE_KINDS, None)
    allowed_keys = COMMON_KEYS | (KINESIS_KEYS if kind == "kinesis" else KAFKA_KEYS)
    unknown = sorted(set(props) - allowed_keys)
    if unknown:
        raise ConfigError(f"application properties {PROPERTY_GROUP}/{', '.join(unknown)} are not used with source.kind={kind}; allowed keys: {', '.join(sorted(allowed_keys))}")
    core = CoreOptions(
        max_record_bytes=_integer(props, "max.record.bytes", 65_536, 1, 16 * 1024 * 1024),
        max_depth=_integer(props, "max.depth", 8, 1, 64),
        max_fields=_integer(props, "max.fields", 256, 1, 100_000),
        max_age_days=_number(props, "max.age.days", 7, 0, 3650),
        future_tolerance_ms=_integer(props, "future.tolerance.ms", 3_600_000, 0, 7 * 24 * 3_600_000),
        dedup_key_fields=_dedup_fields(props),
    )
    window = _integer(props, "dedup.window.minutes", 30, 1, 7 * 24 * 60)
    if kind == "kinesis":
        reader = _choice(props, "source.reader.type", KINESIS_READER_TYPES, "POLLING")
        kinesis = KinesisSettings(
            region=_required(props, "aws.region", _REGION, "an AWS region such as us-east-1"),
            stream_name=_required(props, "source.stream.name", _KINESIS_STREAM_NAME, "a Kinesis stream name"),
            initial_position=_choice(props, "source.initial.position", KINESIS_INITIAL_POSITIONS, "LATEST"),
            reader_type=reader,
            efo_consumer_name=_required(props, "source.efo.consumer.name", _KINESIS_STREAM_NAME, "an EFO consumer name (needed with source.reader.type=EFO)")
            if reader == "EFO"
            else None,
            sink_stream_arns={o: _required(props, f"sink.{o}.stream.arn", _KINESIS_STREAM_ARN, "a Kinesis stream ARN") for o in OUTPUTS},
        )
        return JobConfig(source_kind=kind, dedup_window_minutes=window, core=core, kinesis=kinesis)
    kafka = KafkaSettings(
        bootstrap_servers=_required(props, "kafka.bootstrap.servers", re.compile(r"[A-Za-z0-9.-]+:[0-9]+(,[A-Za-z0-9.-]+:[0-9]+)*"), "host:port[,host:port…]"),
        auth=_choice(props, "kafka.auth", KAFKA_AUTH, "iam"),
        topic=_required(props, "source.topic", _KAFKA_TOPIC, "a Kafka topic name"),
        group_id=_required(props, "source.group.id", _KAFKA_TOPIC, "a consumer group id"),
        starting_offsets=_choice(props, "source.starting.offsets", KAFKA_STARTING_OFFSETS, "latest"),
        sink_topics={o: _required(props, f"sink.{o}.topic", _KAFKA_TOPIC, "a Kafka topic name") for o in OUTPUTS},
    )
    return JobConfig(source_kind=kind, dedup_window_minutes=window, core=core, kafka=kafka)


def property_map(groups, group_id=PROPERTY_GROUP):
    """The PropertyMap of one group from the application_properties.json structure."""
    if not isinstance(groups, list):
        raise ConfigError("application properties must be a JSON list of {PropertyGroupId, PropertyMap}")
    for group in groups:
        if isinstance(group, dict) and group.get("PropertyGroupId") == group_id:
            props = group.get("PropertyMap")
            if not isinstance(props, dict):
                raise ConfigError(f"application property group {group_id} has no PropertyMap object")
            return props
    found = ", ".join(str(g.get("PropertyGroupId")) for g in groups if isinstance(g, dict)) or "none"
    raise ConfigError(f"application property group {group_id} is missing (found: {found})")


def load_job_config(path=None):
    """Reads the Managed Flink properties file (or $TELEMETRY_FLINK_PROPERTIES for local runs)."""
    path = path or os.environ.get("TELEMETRY_FLINK_PROPERTIES") or MANAGED_FLINK_PROPERTIES_FILE
    try:
        with open(path, encoding="utf-8") as handle:
            groups = json.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read application properties {path}: {error}") from None
    except ValueError as error:
        raise ConfigError(f"application properties {path} are not JSON: {error}") from None
    return job_config(property_map(groups))


if __name__ == "__main__":
    # `python3 -m telemetry_job.properties FILE`: validate a properties file and print what the job would use.
    import dataclasses
    import sys

    try:
        print(json.dumps(dataclasses.asdict(load_job_config(sys.argv[1] if len(sys.argv) > 1 else None))))
    except ConfigError as error:
        print(str(error), file=sys.stderr)
        sys.exit(1)
