"""A non-recursive JSON parser for documents nested too deeply for Python's json module.

json.loads recurses once per nesting level and raises RecursionError near 1000 levels, while V8's
JSON.parse (which the core uses) parses any depth. To give such records the same reason as the core
(TOO_DEEP, NOT_AN_OBJECT, an envelope error… instead of MALFORMED_JSON), the validator falls back to
this parser when json.loads runs out of recursion. Scalars are still decoded by json.loads, so string
escapes and number syntax follow the same rules; NaN/Infinity are rejected as in JSON.parse.
"""
import json
import re

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"')
_LITERALS = (("true", True), ("false", False), ("null", None))


def _scalar(text, pos):
    """(value, end) of the string/number/literal at pos, or ValueError."""
    for word, value in _LITERALS:
        if text.startswith(word, pos):
            return value, pos + len(word)
    match = (_STRING if text.startswith('"', pos) else _NUMBER).match(text, pos)
    if match is None:
        raise ValueError(f"unexpected character at position {pos}")
    return json.loads(match.group(0)), match.end()


def loads_iterative(text):
    stack = []  # containers being filled: (container, pending key for objects)
    pos = _WHITESPACE.match(text, 0).end()
    result = None
    done = False
    while True:
        if pos >= len(text):
            raise ValueError("unexpected end of JSON input")
        ch = text[pos]
        # a value starts here
        if ch == "{" or ch == "[":
            container = {} if ch == "{" else []
            pos = _WHITESPACE.match(text, pos + 1).end()
            closing = "}" if ch == "{" else "]"
            if pos < len(text) and text[pos] == closing:
                value, pos = container, pos + 1
            else:
                if ch == "{":
                    key, pos = _object_key(text, pos)
                    stack.append([container, key])
                else:
                    stack.append([container, None])
                continue
        else:
            value, pos = _scalar(text, pos)
        # attach the finished value and close containers as far as possible
        while True:
            if not stack:
                result, done = value, True
                break
            container, key = stack[-1]
            if isinstance(container, dict):
                container[key] = value
            else:
                container.append(value)
            pos = _WHITESPACE.match(text, pos).end()
            if pos >= len(text):
                raise ValueError("unexpected end of JSON input")
            if text[pos] == ",":
                pos = _WHITESPACE.match(text, pos + 1).end()
                if isinstance(container, dict):
                    stack[-1][1], pos = _object_key(text, pos)
                break
            if text[pos] == ("}" if isinstance(container, dict) else "]"):
                stack.pop()
                value, pos = container, pos + 1
                continue
            raise ValueError(f"expected ',' or a closing bracket at position {pos}")
        if done:
            break
    if _WHITESPACE.match(text, pos).end() != len(text):
        raise ValueError(f"unexpected data after JSON at position {pos}")
    return result


def _object_key(text, pos):
    match = _STRING.match(text, pos)
    if match is None:
        raise ValueError(f"expected a property name at position {pos}")
    pos = _WHITESPACE.match(text, match.end()).end()
    if pos >= len(text) or text[pos] != ":":
        raise ValueError(f"expected ':' at position {pos}")
    return json.loads(match.group(0)), _WHITESPACE.match(text, pos + 1).end()
