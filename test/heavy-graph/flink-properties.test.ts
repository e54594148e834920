import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { parseTelemetryConfig } from "../../components/config";
import { FLINK_OUTPUTS, FLINK_RUN_OPTIONS_GROUP, FLINK_TELEMETRY_GROUP, flinkPropertyGroups, type FlinkSourceSettings } from "../../components/aws/heavy/flink-properties";

const JOB_DIR = path.resolve(__dirname, "..", "..", "jobs", "flink");
const config = parseTelemetryConfig({ tier: "heavy", dedupWindowMinutes: 45, dedupKeyFields: ["user_id", "event_id"], event: { maxRecordBytes: 131072, maxDepth: 6, maxFields: 300, maxAgeDays: 3 } });

const kinesis: FlinkSourceSettings = {
  kind: "kinesis",
  region: "us-east-1",
  rawStreamName: "prod-client-game_event-raw",
  outputStreamArns: {
    clean: "arn:aws:kinesis:us-east-1:123456789012:stream/prod-client-game_event-clean",
    deduped: "arn:aws:kinesis:us-east-1:123456789012:stream/prod-client-game_event-deduped",
    "dead-letter": "arn:aws:kinesis:us-east-1:123456789012:stream/prod-client-game_event-dead-letter",
  },
};
const kafka: FlinkSourceSettings = {
  kind: "kafka",
  bootstrapServers: "b-1.tlm-prod-kafka.kafka.us-east-1.amazonaws.com:9098,b-2.tlm-prod-kafka.kafka.us-east-1.amazonaws.com:9098",
  rawTopic: "prod-client-game_event-raw",
  groupId: "telemetry-flink-dedup",
  outputTopics: { clean: "prod-client-game_event-clean", deduped: "prod-client-game_event-deduped", "dead-letter": "prod-client-game_event-dead-letter" },
};

/** Runs the job's own validation (jobs/flink/telemetry_job/properties.py) over the property groups. */
function validateWithJob(groups: unknown): Record<string, unknown> {
  const script = [
    "import json, sys",
    "from telemetry_job.properties import load_job_config, property_map, job_config",
    "cfg = job_config(property_map(json.load(sys.stdin)))",
    "print(json.dumps({'kind': cfg.source_kind, 'window': cfg.dedup_window_minutes, 'fields': list(cfg.core.dedup_key_fields), 'max_bytes': cfg.core.max_record_bytes, 'max_depth': cfg.core.max_depth, 'max_fields': cfg.core.max_fields, 'max_age': cfg.core.max_age_days, 'kinesis': cfg.kinesis.__dict__ if cfg.kinesis else None, 'kafka': cfg.kafka.__dict__ if cfg.kafka else None}))",
  ].join("\n");
  // Managed Flink writes PropertyGroupId / PropertyMap (the provider's propertyGroupId / propertyMap).
  const asService = (groups as Array<{ propertyGroupId: string; propertyMap: unknown }>).map((g) => ({ PropertyGroupId: g.propertyGroupId, PropertyMap: g.propertyMap }));
  return JSON.parse(execFileSync("python3", ["-c", script], { cwd: JOB_DIR, input: JSON.stringify(asService), encoding: "utf8" }));
}

describe("Flink application properties", () => {
  it("points Managed Flink at the PyFlink entry point", () => {
    const runOptions = flinkPropertyGroups(config, kinesis).find((g) => g.propertyGroupId === FLINK_RUN_OPTIONS_GROUP);
    assert.deepEqual(runOptions?.propertyMap, { python: "main.py" });
  });

  it("Kinesis settings pass the job's own validation and carry the config's dedup and limits", () => {
    const parsed = validateWithJob(flinkPropertyGroups(config, kinesis));
    assert.equal(parsed.kind, "kinesis");
    assert.equal(parsed.window, 45);
    assert.deepEqual(parsed.fields, ["user_id", "event_id"]);
    assert.deepEqual([parsed.max_bytes, parsed.max_depth, parsed.max_fields, parsed.max_age], [131072, 6, 300, 3]);
    const settings = parsed.kinesis as Record<string, any>;
    assert.equal(settings.stream_name, "prod-client-game_event-raw");
    assert.equal(settings.initial_position, "LATEST");
    assert.deepEqual(settings.sink_stream_arns, kinesis.kind === "kinesis" ? kinesis.outputStreamArns : undefined);
  });

  it("Kafka settings pass the job's own validation (IAM auth, every output topic)", () => {
    const parsed = validateWithJob(flinkPropertyGroups(config, kafka));
    const settings = parsed.kafka as Record<string, any>;
    assert.equal(parsed.kind, "kafka");
    assert.equal(settings.auth, "iam");
    assert.equal(settings.topic, "prod-client-game_event-raw");
    assert.equal(settings.group_id, "telemetry-flink-dedup");
    assert.deepEqual(settings.sink_topics, kafka.kind === "kafka" ? kafka.outputTopics : undefined);
  });

  it("names a sink for every output and nothing of the other source kind", () => {
    const props = flinkPropertyGroups(config, kinesis).find((g) => g.propertyGroupId === FLINK_TELEMETRY_GROUP)!.propertyMap;
    for (const output of FLINK_OUTPUTS) assert.ok(props[`sink.${output}.stream.arn`], output);
    assert.equal(Object.keys(props).some((k) => k.startsWith("kafka.")), false);
  });
});
