"""Custom metric names of the Flink job: the same names the Lambda processor emits as EMF
(functions/metrics/pipeline-metrics.ts, PIPELINE_METRICS), so dashboards and alarms read the same
names in both tiers. Managed Flink publishes metrics registered under the "kinesisanalytics" group to
CloudWatch (namespace AWS/KinesisAnalytics, dimension Application, plus Reason for dead letters).
A mocha test checks these names against the TypeScript constants.
"""
import json

METRIC_GROUP = "kinesisanalytics"
REASON_DIMENSION = "Reason"
RECORDS_RECEIVED = "RecordsReceived"
RECORDS_CLEAN = "RecordsClean"
RECORDS_DUPLICATE = "RecordsDuplicate"
RECORDS_DEAD_LETTER = "RecordsDeadLetter"
ALL = {"received": RECORDS_RECEIVED, "clean": RECORDS_CLEAN, "duplicate": RECORDS_DUPLICATE, "deadLetter": RECORDS_DEAD_LETTER}

if __name__ == "__main__":
    print(json.dumps({"group": METRIC_GROUP, "reasonDimension": REASON_DIMENSION, "metrics": ALL}))
