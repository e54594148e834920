/**
 * jobs/flink/build/application-properties.ts builds the runtime properties the Pulumi component will
 * set; the Python job must accept them. Each case is written as Managed Flink writes
 * /etc/flink/application_properties.json and parsed by `python3 -m telemetry_job.properties`.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { flinkJobProperties, flinkPropertyGroups, type FlinkJobSettings, type FlinkSource } from "../../jobs/flink/build/application-properties";

const ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/";
const KINESIS: FlinkSource = {
  kind: "kinesis",
  region: "us-east-1",
  rawStreamName: "prod-client-game_event-raw",
  sinkStreamArns: { clean: `${ARN}prod-client-game_event-clean`, deduped: `${ARN}prod-client-game_event-deduped`, deadLetter: `${ARN}prod-client-game_event-dead-letter` },
  efoConsumerName: "telemetry-flink",
};
const KAFKA: FlinkSource = {
  kind: "kafka",
  bootstrapServers: "b-1.msk.example:9098,b-2.msk.example:9098",
  rawTopic: "game-events-raw",
  groupId: "telemetry-flink",
  sinkTopics: { clean: "game-events-clean", deduped: "game-events-deduped", deadLetter: "game-events-dlq" },
};
const SETTINGS: FlinkJobSettings = { dedupWindowMinutes: 45, dedupKeyFields: ["user_id", "event_id"], maxAgeDays: 3 };

function parseWithPython(source: FlinkSource, settings: FlinkJobSettings): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "flink-props-"));
  try {
    const file = join(dir, "application_properties.json");
    // Managed Flink's file uses the API's capitalised member names.
    const groups = flinkPropertyGroups(source, settings).map((g) => ({ PropertyGroupId: g.propertyGroupId, PropertyMap: g.propertyMap }));
    writeFileSync(file, JSON.stringify(groups));
    return spawnSync("python3", ["-m", "telemetry_job.properties", file], {
      cwd: join(__dirname, "../../jobs/flink"),
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
      encoding: "utf8",
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("Flink application properties (TypeScript builder ↔ Python job)", function () {
  this.timeout(30_000);

  it("the Kinesis variant's properties are accepted and mean what they say", () => {
    const result = parseWithPython(KINESIS, SETTINGS);
    assert.equal(result.status, 0, result.stderr);
    const config = JSON.parse(result.stdout);
    assert.equal(config.source_kind, "kinesis");
    assert.equal(config.dedup_window_minutes, 45);
    assert.deepEqual(config.core.dedup_key_fields, ["user_id", "event_id"]);
    assert.equal(config.core.max_age_days, 3);
    assert.equal(config.kinesis.stream_name, "prod-client-game_event-raw");
    assert.equal(config.kinesis.reader_type, "EFO");
    assert.deepEqual(config.kinesis.sink_stream_arns, { clean: `${ARN}prod-client-game_event-clean`, deduped: `${ARN}prod-client-game_event-deduped`, "dead-letter": `${ARN}prod-client-game_event-dead-letter` });
  });

  it("the MSK variant's properties are accepted with IAM auth by default", () => {
    const result = parseWithPython(KAFKA, { dedupWindowMinutes: 30 });
    assert.equal(result.status, 0, result.stderr);
    const config = JSON.parse(result.stdout);
    assert.equal(config.kafka.auth, "iam");
    assert.equal(config.kafka.topic, "game-events-raw");
    assert.deepEqual(config.kafka.sink_topics, { clean: "game-events-clean", deduped: "game-events-deduped", "dead-letter": "game-events-dlq" });
  });

  it("the Python job refuses what the builder would never produce, naming the key", () => {
    const result = parseWithPython({ ...KINESIS, sinkStreamArns: { ...(KINESIS as { sinkStreamArns: Record<string, string> }).sinkStreamArns, clean: "not-an-arn" } } as FlinkSource, SETTINGS);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /telemetry\/sink\.clean\.stream\.arn = "not-an-arn" is invalid/);
  });

  it("rejects a dedup window outside 1–10080 minutes before anything is deployed", () => {
    assert.throws(() => flinkJobProperties(KINESIS, { dedupWindowMinutes: 0 }), /dedupWindowMinutes = 0 is invalid/);
    assert.equal(flinkPropertyGroups(KAFKA, SETTINGS)[0].propertyMap.python, "main.py");
  });
});
