"""Timestamp rules of the core (functions/core/timestamps.ts), in Python.

ISO-8601 `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|±HH[:MM]]` (no offset = UTC; fraction truncated to ms),
or epoch time as a number / digit string: below 1e11 seconds, otherwise milliseconds. Accepted instants:
1970-01-01T00:00:00.000Z … 9999-12-31T23:59:59.999Z.
"""
import calendar
import datetime
import math
import re

from .js_compat import is_json_number, js_round, js_trim, to_js_number

EPOCH_SECONDS_BELOW = 1e11
MAX_EPOCH_MS = 253_402_300_799_999
MS_PER_DAY = 86_400_000
MS_PER_HOUR = 3_600_000

_ISO_DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?(?:([Zz])|([+-])([0-9]{2})(?::?([0-9]{2}))?)?"
)
_NUMERIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_EPOCH_DATE = datetime.date(1970, 1, 1)


def _epoch_to_ms(value):
    if not math.isfinite(value) or value < 0:
        return None
    ms = js_round(value * 1000) if value < EPOCH_SECONDS_BELOW else js_round(value)
    return ms if ms <= MAX_EPOCH_MS else None


def _iso_to_ms(text):
    m = _ISO_DATE_TIME.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute = (int(m.group(i)) for i in range(1, 6))
    second = int(m.group(6)) if m.group(6) is not None else 0
    if month < 1 or month > 12 or day < 1 or hour > 23 or minute > 59 or second > 59:
        return None
    if year < 1:
        return None  # before 1970 anyway; the date module has no year 0
    if day > calendar.monthrange(year, month)[1]:
        return None
    millis = int((m.group(7) + "00")[:3]) if m.group(7) is not None else 0
    offset_minutes = 0
    if m.group(9) is not None:
        offset_hours = int(m.group(10))
        offset_mins = int(m.group(11)) if m.group(11) is not None else 0
        if offset_hours > 23 or offset_mins > 59:
            return None
        offset_minutes = (offset_hours * 60 + offset_mins) * (-1 if m.group(9) == "-" else 1)
    days = (datetime.date(year, month, day) - _EPOCH_DATE).days
    ms = (((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millis - offset_minutes * 60_000
    return ms if 0 <= ms <= MAX_EPOCH_MS else None


def parse_timestamp_ms(value):
    """Epoch ms of a timestamp value, or None when it is not one under the rules above."""
    if is_json_number(value):
        return _epoch_to_ms(to_js_number(value))
    if not isinstance(value, str):
        return None
    text = value
    if text and (ord(text[0]) <= 32 or ord(text[-1]) <= 32):
        text = js_trim(text)
    if _NUMERIC.fullmatch(text):
        return _epoch_to_ms(float(text))
    return _iso_to_ms(text)


def to_iso_ms(ms):
    """UTC ISO-8601 with milliseconds, like Date.prototype.toISOString."""
    moment = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=ms)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (ms % 1000)
