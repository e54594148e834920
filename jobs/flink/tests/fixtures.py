"""Property maps as the Pulumi component writes them (every value a string)."""

ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/"

KINESIS_PROPS = {
    "source.kind": "kinesis",
    "aws.region": "us-east-1",
    "source.stream.name": "prod-client-game_event-raw",
    "sink.clean.stream.arn": ARN + "prod-client-game_event-clean",
    "sink.deduped.stream.arn": ARN + "prod-client-game_event-deduped",
    "sink.dead-letter.stream.arn": ARN + "prod-client-game_event-dead-letter",
    "dedup.window.minutes": "30",
}

KAFKA_PROPS = {
    "source.kind": "kafka",
    "kafka.bootstrap.servers": "b-1.msk.example:9098,b-2.msk.example:9098",
    "source.topic": "game-events-raw",
    "source.group.id": "telemetry-flink",
    "sink.clean.topic": "game-events-clean",
    "sink.deduped.topic": "game-events-deduped",
    "sink.dead-letter.topic": "game-events-dlq",
}
