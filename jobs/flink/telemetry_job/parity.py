"""Runs records through the Python validator and prints the outcomes as JSON, so the TypeScript tests can
compare them with functions/core's processRecord on the same bytes (test/heavy/flink-python.test.ts).

stdin: {"now_ms": N, "records": [{"data_base64": "…", "source": {…}}, …]}
stdout: [{"kind": "event", "event": {…}, "dedup_key": "…"} | {"kind": "dead-letter", "dead_letter": {…}}, …]
"""
import base64
import json
import sys

from .validation import CoreOptions, process_record


def outcomes(request):
    options = CoreOptions()
    result = []
    for record in request["records"]:
        outcome = process_record(base64.b64decode(record["data_base64"]), record["source"], options, request["now_ms"])
        if outcome.kind == "event":
            result.append({"kind": "event", "event": outcome.event, "dedup_key": outcome.dedup_key})
        else:
            result.append({"kind": "dead-letter", "dead_letter": outcome.dead_letter})
    return result


if __name__ == "__main__":
    json.dump(outcomes(json.load(sys.stdin)), sys.stdout)
