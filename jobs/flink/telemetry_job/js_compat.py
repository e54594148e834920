"""JavaScript semantics the TypeScript core relies on, reproduced so Python gives the same answers.

The core (functions/core) runs in Node; this job must classify every record exactly as it does. Where
Python and JavaScript differ — what counts as whitespace, string length in UTF-16 units, Number →
string formatting, JSON.stringify output, Math.round — the JavaScript behaviour is implemented here.
"""
import json
import math
import re

# ECMAScript WhiteSpace + LineTerminator (what String.prototype.trim and the regex \s remove).
JS_WHITESPACE = (
    "\t\n\u000b\u000c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_JS_WHITESPACE_SET = frozenset(JS_WHITESPACE)


def js_trim(text):
    return text.strip(JS_WHITESPACE)


def js_is_whitespace_only(text):
    """/^[\\s\\uFEFF]*$/ in JavaScript."""
    return all(ch in _JS_WHITESPACE_SET for ch in text)


def utf16_length(text):
    """String.prototype.length: UTF-16 code units (astral characters count twice)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def js_round(value):
    """Math.round: halves round towards +infinity (Python's round() rounds halves to even)."""
    return math.floor(value + 0.5)


def is_json_number(value):
    """A parsed JSON number (bool is an int subclass in Python, but not a number in JSON)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def to_js_number(value):
    """JSON.parse yields IEEE doubles; Python keeps big integers exact. Round-trip through float."""
    return float(value)


MAX_SAFE_INTEGER = 2**53 - 1


def is_safe_integer(value):
    """Number.isSafeInteger of the double JSON.parse would produce."""
    if not is_json_number(value):
        return False
    number = to_js_number(value)
    return math.isfinite(number) and number == math.floor(number) and abs(number) <= MAX_SAFE_INTEGER


def js_number_to_string(value):
    """Number.prototype.toString() (ECMAScript Number::toString, radix 10)."""
    number = to_js_number(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    if number < 0:
        return "-" + js_number_to_string(-number)
    # repr gives the shortest round-tripping digits, like ECMAScript; only the layout differs.
    mantissa, _, exponent = repr(number).partition("e")
    whole, _, fraction = mantissa.partition(".")
    if fraction == "0":
        fraction = ""
    digits = (whole + fraction).lstrip("0")
    # n: position of the decimal point relative to the first significant digit (value = 0.d1d2… × 10^n)
    leading_zeros = len(whole + fraction) - len((whole + fraction).lstrip("0"))
    n = len(whole) - leading_zeros + (int(exponent) if exponent else 0)
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    sign = "+" if e >= 0 else "-"
    if k == 1:
        return f"{digits}e{sign}{abs(e)}"
    return f"{digits[0]}.{digits[1:]}e{sign}{abs(e)}"


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _js_string_literal(text):
    encoded = json.dumps(text, ensure_ascii=False)
    # Python leaves lone surrogates raw; well-formed JSON.stringify escapes them (lower-case hex).
    return _LONE_SURROGATE.sub(lambda m: "\\u%04x" % ord(m.group(0)), encoded)


def js_json_stringify(value):
    """JSON.stringify(value) with no indentation, for JSON-parsed values (dict, list, str, numbers, bool, None)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if is_json_number(value):
        number = to_js_number(value)
        return js_number_to_string(number) if math.isfinite(number) else "null"
    if isinstance(value, str):
        return _js_string_literal(value)
    if isinstance(value, list):
        return "[" + ",".join(js_json_stringify(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(_js_string_literal(k) + ":" + js_json_stringify(v) for k, v in js_key_order(value)) + "}"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")


def _is_array_index(key):
    return _ARRAY_INDEX.fullmatch(key) is not None and int(key) < 2**32 - 1


def js_key_order(obj):
    """(key, value) pairs in JavaScript property order: array-index keys ascending, then insertion order."""
    items = list(obj.items())
    indices = sorted((item for item in items if _is_array_index(item[0])), key=lambda item: int(item[0]))
    if not indices:
        return items
    return indices + [item for item in items if not _is_array_index(item[0])]


def js_json_loads(text):
    """JSON.parse: like json.loads but NaN/Infinity are not JSON."""

    def reject_constant(name):
        raise ValueError(f"{name} is not valid JSON")

    return json.loads(text, parse_constant=reject_constant)


def json_kind(value):
    """The core's jsonKind(): null, array, object, string, number, boolean."""
    if value is None:
        return "null"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    return "number"


def show_value(value, limit=80):
    """The core's showValue(): JSON rendering cut at 80 UTF-16 units."""
    try:
        text = js_json_stringify(value)
    except TypeError:
        text = str(value)
    except RecursionError:
        text = "[deeply nested value]"
    if utf16_length(text) <= limit:
        return text
    cut = text.encode("utf-16-le", "surrogatepass")[: limit * 2].decode("utf-16-le", "surrogatepass")
    return cut + "\u2026"
