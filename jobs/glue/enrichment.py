"""SILVER → STAGING enrichment logic (seed 003's EnrichEvent), without Spark so it runs and is tested
with plain python3. enrich_silver.py applies it to every row on Glue or EMR Serverless.

- geo: the event's IP (parameters.ip_address, or parameters.ip) looked up in a table of non-overlapping
  IPv4/IPv6 networks → country, region, city (seed 003 looked up the exact IP; a network table such as
  GeoLite2's blocks is what real geo databases ship);
- device: parameters.device_model (case/space-insensitive) → device_category, device_tier;
- derived date fields from event_timestamp: event_date, event_hour, day_of_week (Monday = 0, as
  seed 003's datetime.weekday()).
"""
import bisect
import csv
import datetime
import io
import ipaddress
import json

SILVER_COLUMNS = (
    "event_id",
    "event_type",
    "event_timestamp",
    "received_at",
    "user_id",
    "session_id",
    "game_id",
    "platform",
    "app_version",
    "parameters",
    "event_date",
    "event_hour",
)
ENRICHED_COLUMNS = ("country", "region", "city", "device_category", "device_tier", "day_of_week")
# (column, Spark SQL type) of the STAGING table, in order; event_date is its partition column.
STAGING_SCHEMA = tuple(
    [(c, "string") for c in SILVER_COLUMNS if c not in ("event_hour", "event_date")]
    + [("event_hour", "int"), ("country", "string"), ("region", "string"), ("city", "string")]
    + [("device_category", "string"), ("device_tier", "string"), ("day_of_week", "int"), ("event_date", "string")]
)
IP_PARAMETERS = ("ip_address", "ip")
DEVICE_PARAMETER = "device_model"
GEO_HEADER = ("network", "country", "region", "city")
DEVICE_HEADER = ("device_model", "category", "performance_tier")


class LookupError_(ValueError):
    """A lookup file that cannot be used (bad header, bad network, overlapping networks)."""


def _rows(csv_text, header, what):
    reader = csv.reader(io.StringIO(csv_text))
    first = next(reader, None)
    if first is None or tuple(h.strip() for h in first) != header:
        raise LookupError_(f"{what} must start with the header {','.join(header)}; found {first!r}")
    for line_number, row in enumerate(reader, start=2):
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise LookupError_(f"{what} line {line_number} has {len(row)} fields, expected {len(header)}: {row!r}")
        yield line_number, [cell.strip() for cell in row]


class GeoTable:
    """Non-overlapping networks per IP version, searched by bisection on the network start."""

    def __init__(self, csv_text):
        by_version = {4: [], 6: []}
        for line_number, (network, country, region, city) in _rows(csv_text, GEO_HEADER, "geo lookup"):
            try:
                net = ipaddress.ip_network(network, strict=False)
            except ValueError as error:
                raise LookupError_(f"geo lookup line {line_number}: {error}") from None
            geo = {"country": country or None, "region": region or None, "city": city or None}
            by_version[net.version].append((int(net.network_address), int(net.broadcast_address), geo, line_number))
        self._starts, self._ranges = {}, {}
        for version, ranges in by_version.items():
            ranges.sort(key=lambda r: r[0])
            for previous, current in zip(ranges, ranges[1:]):
                if current[0] <= previous[1]:
                    raise LookupError_(f"geo lookup lines {previous[3]} and {current[3]} overlap; networks must not overlap")
            self._ranges[version] = ranges
            self._starts[version] = [r[0] for r in ranges]

    def lookup(self, ip_text):
        """{"country","region","city"} of the network holding the address; all None when unknown/invalid."""
        empty = {"country": None, "region": None, "city": None}
        if not isinstance(ip_text, str):
            return empty
        try:
            address = ipaddress.ip_address(ip_text.strip())
        except ValueError:
            return empty
        if address.version == 6 and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        value = int(address)
        index = bisect.bisect_right(self._starts[address.version], value) - 1
        if index < 0:
            return empty
        start, end, geo, _ = self._ranges[address.version][index]
        return dict(geo) if start <= value <= end else empty


def normalise_model(model):
    return " ".join(model.lower().split()) if isinstance(model, str) else None


class DeviceTable:
    def __init__(self, csv_text):
        self._models = {}
        for line_number, (model, category, tier) in _rows(csv_text, DEVICE_HEADER, "device lookup"):
            key = normalise_model(model)
            if key in self._models:
                raise LookupError_(f"device lookup line {line_number} repeats device_model {model!r}")
            self._models[key] = {"device_category": category or None, "device_tier": tier or None}

    def lookup(self, model):
        return dict(self._models.get(normalise_model(model), {"device_category": None, "device_tier": None}))


def derived_date_fields(event_timestamp):
    """event_date, event_hour, day_of_week (Monday = 0) of a UTC ISO-8601 timestamp; None when unreadable."""
    try:
        moment = datetime.datetime.fromisoformat(str(event_timestamp).replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
    except ValueError:
        return {"event_date": None, "event_hour": None, "day_of_week": None}
    return {"event_date": moment.date().isoformat(), "event_hour": moment.hour, "day_of_week": moment.weekday()}


def parameters_of(value):
    """SILVER parameters arrive as JSON text (Glue table column) or as a parsed object."""
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return {}
        return parsed if isinstance(parsed, dict) else {}
    return {}


def enrich_event(silver, geo_table, device_table):
    """One SILVER row (dict) → one STAGING row (dict with STAGING_SCHEMA's columns)."""
    parameters = parameters_of(silver.get("parameters"))
    ip = next((parameters[name] for name in IP_PARAMETERS if isinstance(parameters.get(name), str)), None)
    row = {column: silver.get(column) for column in SILVER_COLUMNS}
    row["parameters"] = silver["parameters"] if isinstance(silver.get("parameters"), str) else json.dumps(parameters, separators=(",", ":"))
    row.update(geo_table.lookup(ip))
    row.update(device_table.lookup(parameters.get(DEVICE_PARAMETER)))
    dates = derived_date_fields(silver.get("event_timestamp"))
    # SILVER already carries event_date/event_hour from the core; recomputing keeps STAGING consistent
    # even for rows written before those fields existed.
    row.update(dates)
    return {column: row.get(column) for column, _ in STAGING_SCHEMA}
