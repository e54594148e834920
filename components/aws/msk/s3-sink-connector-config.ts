/**
 * The MSK Connect S3 sink's connector and worker properties (pure). Connector: Aiven's S3 sink for
 * Apache Kafka (Apache-2.0). Records land as GZIP NDJSON under the RAW prefix in the same
 * `year=/month=/day=/hour=` layout as Firehose writes, one object per partition and flush.
 */
export const AIVEN_S3_SINK_CLASS = "io.aiven.kafka.connect.s3.AivenKafkaConnectS3SinkConnector";
export const KAFKA_CONNECT_VERSION = "3.7.x";

export interface S3SinkConnectorInputs {
  topic: string;
  bucketName: string;
  region: string;
  /** e.g. `raw/` */
  prefix: string;
  tasks: number;
}

export function s3SinkConnectorConfig(inputs: S3SinkConnectorInputs): Record<string, string> {
  if (inputs.tasks < 1) throw new RangeError(`S3 sink needs at least one task, got ${inputs.tasks}`);
  return {
    "connector.class": AIVEN_S3_SINK_CLASS,
    "tasks.max": String(inputs.tasks),
    topics: inputs.topic,
    "aws.s3.bucket.name": inputs.bucketName,
    "aws.s3.region": inputs.region,
    "file.name.prefix": inputs.prefix,
    // Hour partitions by record timestamp (the producer's time of arrival), like Firehose's arrival-time prefix.
    "file.name.template":
      "year={{timestamp:unit=yyyy}}/month={{timestamp:unit=MM}}/day={{timestamp:unit=dd}}/hour={{timestamp:unit=HH}}/{{topic}}-{{partition:padding=true}}-{{start_offset:padding=true}}.gz",
    "file.compression.type": "gzip",
    // One JSON document per line, the value itself (no {"value": …} envelope): the same NDJSON as Firehose writes.
    "format.output.type": "jsonl",
    "format.output.fields": "value",
    "format.output.envelope": "false",
    "key.converter": "org.apache.kafka.connect.storage.StringConverter",
    "value.converter": "org.apache.kafka.connect.json.JsonConverter",
    "value.converter.schemas.enable": "false",
    // Stop on a record it cannot write: the errored-task alarm fires and nothing is skipped silently.
    "errors.tolerance": "none",
  };
}

/** Worker defaults (the connector's own converters override them). */
export function s3SinkWorkerProperties(): string {
  return ["key.converter=org.apache.kafka.connect.storage.StringConverter", "value.converter=org.apache.kafka.connect.converters.ByteArrayConverter", ""].join("\n");
}
