"""Validate and normalise one raw record exactly like functions/core's processRecord.

Order of checks (so a record with several faults always gets the same reason as in the core):
size/empty → UTF-8 → JSON → object → ingest envelope → depth/field limits → required fields in contract
order (event_id, event_type, event_timestamp [+ future/too old], user_id) → optional fields
(session_id, game_id [+ envelope mismatch], platform, app_version) → parameters.

The alias table and parameter containers are the core's (functions/core/aliases.ts); the shared test
vectors (test/core/vectors.ts) are run through this module by test/heavy/flink-python.test.ts.
"""
import base64
import re
from dataclasses import dataclass, field
from typing import Optional

from .js_compat import (
    is_json_number,
    is_safe_integer,
    js_is_whitespace_only,
    js_json_loads,
    js_json_stringify,
    js_key_order,
    js_number_to_string,
    js_trim,
    json_kind,
    show_value,
    to_js_number,
    utf16_length,
)
from .deep_json import loads_iterative
from .timestamps import MS_PER_DAY, MS_PER_HOUR, parse_timestamp_ms, to_iso_ms

INPUT_FIELDS = ("event_id", "event_type", "event_timestamp", "user_id", "session_id", "game_id", "platform", "app_version")

FIELD_ALIASES = {
    "event_id": ("event_id", "id", "eventId"),
    "event_type": ("event_type", "type", "event", "eventType"),
    "event_timestamp": ("event_timestamp", "timestamp", "eventTimestamp", "ts"),
    "user_id": ("user_id", "customer_id", "player_id", "userId", "playerId"),
    "session_id": ("session_id", "sessionId"),
    "game_id": ("game_id", "gameId"),
    "platform": ("platform", "device_os", "os"),
    "app_version": ("app_version", "appVersion", "client_version"),
}
PARAMETERS_KEY, EVENT_DATA_KEY = "parameters", "event_data"
LIFTED_FROM_CONTAINERS = ("user_id", "session_id")
DEDUP_KEY_SILVER_FIELDS = INPUT_FIELDS + ("received_at", "event_date", "event_hour")

_SLOT = {name: i for i, name in enumerate(INPUT_FIELDS)}
_ALIAS_LOOKUP = {alias: (_SLOT[name], rank) for name, aliases in FIELD_ALIASES.items() for rank, alias in enumerate(aliases)}
_ID_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,128}")
EVENT_TYPE_MAX_LENGTH = 128
INGEST_KEY, EVENT_KEY = "_ingest", "_event"
_INGEST_FIELDS = frozenset(("game_id", "request_id", "received_at"))


@dataclass(frozen=True)
class CoreOptions:
    """The core's CoreOptions (defaults from DEFAULT_CORE_OPTIONS); the clock is passed per call."""

    max_record_bytes: int = 65_536
    max_depth: int = 8
    max_fields: int = 256
    max_age_days: float = 7
    future_tolerance_ms: int = 3_600_000
    dedup_key_fields: tuple = ("event_id",)


class Rejection(Exception):
    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass
class Outcome:
    """kind "event": event + dedup_key; kind "dead-letter": dead_letter (the core's DeadLetterRecord)."""

    kind: str
    event: Optional[dict] = None
    dedup_key: Optional[str] = None
    dead_letter: Optional[dict] = None
    source: dict = field(default_factory=dict)


def is_valid_id(value):
    return _ID_PATTERN.fullmatch(value) is not None


# --- parse ---------------------------------------------------------------------------------------


def _loads(text):
    """JSON.parse: json.loads, or the iterative parser for nesting deeper than Python's recursion limit."""
    try:
        return js_json_loads(text)
    except RecursionError:
        return loads_iterative(text)


def parse_record(data, max_record_bytes):
    if len(data) == 0:
        raise Rejection("EMPTY_RECORD", "the record is empty (0 bytes)")
    if len(data) > max_record_bytes:
        raise Rejection("RECORD_TOO_LARGE", f"the record is {len(data)} bytes; the limit is {max_record_bytes} bytes")
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise Rejection("INVALID_ENCODING", "the record is not valid UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]  # TextDecoder strips one leading byte-order mark
    try:
        value = _loads(text)
    except ValueError as error:
        if js_is_whitespace_only(text):
            raise Rejection("EMPTY_RECORD", "the record holds only whitespace or a byte-order mark") from None
        if "\u0000" in text:
            raise Rejection("INVALID_ENCODING", "the record contains NUL bytes (binary data)") from None
        raise Rejection("MALFORMED_JSON", f"the record is not valid JSON: {error}") from None
    if not isinstance(value, dict):
        raise Rejection("NOT_AN_OBJECT", f"the record is a JSON {json_kind(value)}, not an object")
    return value


# --- ingest envelope -----------------------------------------------------------------------------


def is_ingest_envelope(parsed):
    return INGEST_KEY in parsed or EVENT_KEY in parsed


def unwrap_ingest_envelope(parsed):
    """(event, ingest_game_id, ingest_received_at_ms) or Rejection, like unwrapIngestEnvelope."""
    for key, _ in js_key_order(parsed):
        if key not in (INGEST_KEY, EVENT_KEY):
            raise Rejection("INVALID_INGEST_ENVELOPE", f'an ingest envelope may hold only "_ingest" and "_event"; found "{key}"')
    ingest = parsed.get(INGEST_KEY)
    if not isinstance(ingest, dict):
        raise Rejection("INVALID_INGEST_ENVELOPE", f'"_ingest" must be an object; found {json_kind(ingest)}')
    for key, _ in js_key_order(ingest):
        if key not in _INGEST_FIELDS:
            raise Rejection("INVALID_INGEST_ENVELOPE", f'"_ingest" may hold only game_id, request_id, received_at; found "{key}"')
    game_id = ingest.get("game_id")
    if game_id is not None and (not isinstance(game_id, str) or (game_id != "" and not is_valid_id(game_id))):
        raise Rejection("INVALID_INGEST_ENVELOPE", f'"_ingest.game_id" must be null or an identifier; found {show_value(game_id)}')
    request_id = ingest.get("request_id")
    if not isinstance(request_id, str) or request_id == "":
        raise Rejection("INVALID_INGEST_ENVELOPE", f'"_ingest.request_id" must be a non-empty string; found {show_value(request_id)}')
    received_at_ms = parse_timestamp_ms(ingest.get("received_at"))
    if received_at_ms is None:
        raise Rejection(
            "INVALID_INGEST_ENVELOPE", f'"_ingest.received_at" must be an ISO-8601 or epoch timestamp; found {show_value(ingest.get("received_at"))}'
        )
    if EVENT_KEY not in parsed:
        raise Rejection("INVALID_INGEST_ENVELOPE", 'the envelope has no "_event"')
    event = parsed[EVENT_KEY]
    if not isinstance(event, dict):
        raise Rejection("NOT_AN_OBJECT", f'"_event" is a JSON {json_kind(event)}, not an object')
    return event, (None if game_id == "" else game_id), received_at_ms


# --- limits --------------------------------------------------------------------------------------


def check_limits(event, max_depth, max_fields):
    """Same traversal as checkLimits (explicit stack, last pushed first) so the first limit hit matches."""
    pending = [(event, 1)]
    fields = 0
    while pending:
        node, depth = pending.pop()
        if depth > max_depth:
            raise Rejection("TOO_DEEP", f"the event nests objects/arrays deeper than {max_depth} levels")
        if isinstance(node, list):
            for child in node:
                if isinstance(child, (dict, list)):
                    pending.append((child, depth + 1))
            continue
        for _, child in js_key_order(node):
            fields += 1
            if fields > max_fields:
                raise Rejection("TOO_MANY_FIELDS", f"the event has more than {max_fields} fields across its object tree")
            if isinstance(child, (dict, list)):
                pending.append((child, depth + 1))


# --- normalise -----------------------------------------------------------------------------------


def _missing(name):
    return Rejection("MISSING_FIELD", f"{name} is missing (accepted names: {', '.join(FIELD_ALIASES[name])})")


def _wrong_type(name, input_name, value, expected):
    return Rejection("INVALID_FIELD_TYPE", f'{name} (input "{input_name}") must be {expected}; found {json_kind(value)} {show_value(value)}')


def _identifier(name, input_name, value):
    if value is None:
        return None
    if isinstance(value, str):
        if is_valid_id(value):
            return value
        raise Rejection("INVALID_ID", f'{name} (input "{input_name}") {show_value(value)} is not 1-128 characters of A-Z a-z 0-9 _ . : -')
    if is_json_number(value) and is_safe_integer(value) and to_js_number(value) >= 0:
        return js_number_to_string(value)
    raise _wrong_type(name, input_name, value, "a string identifier or a non-negative integer")


def _optional_text(name, input_name, value, lower_case):
    if value is None:
        return None
    if isinstance(value, str):
        trimmed = js_trim(value)
        if trimmed == "":
            return None
        return trimmed.lower() if lower_case else trimmed
    if is_json_number(value) and not lower_case:
        return js_number_to_string(value)
    raise _wrong_type(name, input_name, value, "a string" if lower_case else "a string or a number")


def _add_parameter(target, key, value, origin):
    name = key
    while name in target:
        name = f"{name}@{origin}"
    target[name] = value


def _lift_from_container(name, container_name, container):
    if container is None:
        return None
    for alias in FIELD_ALIASES[name]:
        value = container.get(alias)
        if value is not None:
            return value, f"{container_name}.{alias}"
    return None


def normalise_event(event, ingest_game_id, ingest_received_at_ms, has_envelope, options, now_ms, received_at):
    slots = len(INPUT_FIELDS)
    values = [None] * slots
    present = [False] * slots
    names = [None] * slots
    ranks = [slots] * slots
    parameters_object = None
    event_data_object = None
    extra_keys = []

    for key, value in js_key_order(event):
        target = _ALIAS_LOOKUP.get(key)
        if target is not None:
            if value is None:
                continue  # a null under an alias means "not given"
            slot, rank = target
            if rank < ranks[slot]:
                if names[slot] is not None:
                    extra_keys.append(names[slot])
                values[slot], present[slot], names[slot], ranks[slot] = value, True, key, rank
            else:
                extra_keys.append(key)
        elif key == PARAMETERS_KEY and isinstance(value, dict):
            parameters_object = value
        elif key == EVENT_DATA_KEY and isinstance(value, dict):
            event_data_object = value
        else:
            extra_keys.append(key)

    for name in LIFTED_FROM_CONTAINERS:
        slot = _SLOT[name]
        if present[slot]:
            continue
        lifted = _lift_from_container(name, EVENT_DATA_KEY, event_data_object) or _lift_from_container(name, PARAMETERS_KEY, parameters_object)
        if lifted is not None:
            values[slot], present[slot], names[slot] = lifted[0], True, lifted[1]

    if not present[0]:
        raise _missing("event_id")
    event_id = _identifier("event_id", names[0], values[0])

    if not present[1]:
        raise _missing("event_type")
    raw_type = values[1]
    if not isinstance(raw_type, str):
        raise _wrong_type("event_type", names[1], raw_type, "a string")
    event_type = js_trim(raw_type)
    if event_type == "" or utf16_length(event_type) > EVENT_TYPE_MAX_LENGTH:
        raise _wrong_type("event_type", names[1], raw_type, f"a non-empty string of at most {EVENT_TYPE_MAX_LENGTH} characters")

    if not present[2]:
        raise _missing("event_timestamp")
    raw_timestamp = values[2]
    if not isinstance(raw_timestamp, str) and not is_json_number(raw_timestamp):
        raise _wrong_type("event_timestamp", names[2], raw_timestamp, "an ISO-8601 string or epoch seconds/milliseconds")
    timestamp_ms = parse_timestamp_ms(raw_timestamp)
    if timestamp_ms is None:
        raise Rejection(
            "INVALID_TIMESTAMP",
            f'event_timestamp (input "{names[2]}") {show_value(raw_timestamp)} is not ISO-8601 or epoch seconds/milliseconds between 1970 and 9999',
        )
    if timestamp_ms > now_ms + options.future_tolerance_ms:
        raise Rejection(
            "TIMESTAMP_IN_FUTURE",
            f"event_timestamp {to_iso_ms(timestamp_ms)} is more than {options.future_tolerance_ms} ms after now ({to_iso_ms(now_ms)})",
        )
    if timestamp_ms < now_ms - options.max_age_days * MS_PER_DAY:
        raise Rejection(
            "TIMESTAMP_TOO_OLD", f"event_timestamp {to_iso_ms(timestamp_ms)} is more than {js_number_to_string(options.max_age_days)} days before now ({to_iso_ms(now_ms)})"
        )

    if not present[3]:
        raise _missing("user_id")
    user_id = _identifier("user_id", names[3], values[3])

    session_id = _identifier("session_id", names[4], values[4])
    game_id = _identifier("game_id", names[5], values[5])
    if has_envelope and ingest_game_id is not None:
        if game_id is None:
            game_id = ingest_game_id
        elif game_id != ingest_game_id:
            raise Rejection("GAME_ID_MISMATCH", f'the event names game_id "{game_id}" but was ingested for game "{ingest_game_id}"')
    platform = _optional_text("platform", names[6], values[6], True)
    app_version = _optional_text("app_version", names[7], values[7], False)

    if parameters_object is not None:
        parameters = dict(js_key_order(parameters_object))
        if event_data_object is not None:
            for key, value in js_key_order(event_data_object):
                _add_parameter(parameters, key, value, "event_data")
    else:
        parameters = dict(js_key_order(event_data_object)) if event_data_object is not None else {}
    for key in extra_keys:
        _add_parameter(parameters, key, event[key], "event")

    event_timestamp = to_iso_ms(timestamp_ms)
    return {
        "event_id": event_id,
        "event_type": event_type,
        "event_timestamp": event_timestamp,
        "received_at": to_iso_ms(ingest_received_at_ms) if has_envelope and ingest_received_at_ms is not None else received_at,
        "user_id": user_id,
        "session_id": session_id,
        "game_id": game_id,
        "platform": platform,
        "app_version": app_version,
        "parameters": parameters,
        "event_date": event_timestamp[:10],
        "event_hour": (timestamp_ms // MS_PER_HOUR) % 24,
    }


# --- dedup key and the whole record --------------------------------------------------------------


def dedup_key_of(event, fields):
    """The core's dedupKeyOf: a lone string field as itself (unless it starts with "["), else a JSON array."""

    def field_value(name):
        if name.startswith("parameters."):
            return event["parameters"].get(name[len("parameters.") :])
        return event.get(name)

    if len(fields) == 1:
        value = field_value(fields[0])
        if isinstance(value, str) and not value.startswith("["):
            return value
        return js_json_stringify([value])
    return js_json_stringify([field_value(f) for f in fields])


def received_at_of(received_at, now_iso):
    if received_at is None:
        return now_iso
    ms = parse_timestamp_ms(received_at)
    return now_iso if ms is None else to_iso_ms(ms)


def process_record(data, source, options, now_ms, received_at=None):
    """One record → Outcome("event") or Outcome("dead-letter"), like the core's processRecordAt."""
    arrival = received_at_of(received_at, to_iso_ms(now_ms))
    try:
        parsed = parse_record(data, options.max_record_bytes)
        event, game_id, received_ms, has_envelope = parsed, None, None, False
        if is_ingest_envelope(parsed):
            event, game_id, received_ms = unwrap_ingest_envelope(parsed)
            has_envelope = True
        check_limits(event, options.max_depth, options.max_fields)
        silver = normalise_event(event, game_id, received_ms, has_envelope, options, now_ms, arrival)
    except Rejection as rejection:
        return Outcome(
            kind="dead-letter",
            dead_letter={
                "reason": rejection.reason,
                "message": rejection.message,
                "original_base64": base64.b64encode(bytes(data)).decode("ascii"),
                "source": source,
                "received_at": arrival,
            },
            source=source,
        )
    return Outcome(kind="event", event=silver, dedup_key=dedup_key_of(silver, options.dedup_key_fields), source=source)
