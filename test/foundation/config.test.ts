import assert from "node:assert/strict";
import { CONFIG_KEYS, ConfigError, LOG_RETENTION_DAYS, parseTelemetryConfig } from "../../components/config";
import { decodeTelemetryConfig } from "../../components/read-config";

function errorOf(raw: Record<string, unknown>): string {
  try {
    parseTelemetryConfig(raw);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return (error as Error).message;
  }
  assert.fail(`config ${JSON.stringify(raw)} was accepted`);
}

describe("config: telemetry namespace", () => {
  it("has exactly the documented top-level keys", () => {
    assert.deepEqual([...CONFIG_KEYS].sort(), [
      "alerts", "auth", "dedupKeyFields", "dedupWindowMinutes", "event", "gcp", "heavy", "load", "msk",
      "protectData", "retention", "silverStagingTable", "sizing", "tags", "tier", "tracing", "variant",
    ]);
  });

  it("fills defaults for an empty config", () => {
    const config = parseTelemetryConfig({});
    assert.equal(config.variant, "aws-native");
    assert.equal(config.tier, "light");
    assert.equal(config.dedupWindowMinutes, 30);
    assert.deepEqual(config.dedupKeyFields, ["event_id"]);
    assert.deepEqual(config.auth, ["apiKey"]);
    assert.equal(config.retention.zones.raw, 90);
    assert.equal(config.event.maxRecordBytes, 65_536);
    assert.equal(config.protectData, false);
  });

  it("keeps given values and fills the rest of a partial object", () => {
    const config = parseTelemetryConfig({ load: { peakEventsPerSecond: 30_000, averageEventsPerSecond: 6_900 } });
    assert.equal(config.load.peakEventsPerSecond, 30_000);
    assert.equal(config.load.averageEventsPerSecond, 6_900);
    assert.equal(config.load.averageEventBytes, 1024);
  });

  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ["unknown variant", { variant: "azure" }, /^telemetry:variant = "azure" is invalid: allowed values: "aws-native", "aws-msk", "gcp-native", "gcp-kafka"$/],
    ["unknown tier", { tier: "medium" }, /^telemetry:tier = "medium" is invalid: allowed values: "light", "heavy"$/],
    ["negative peak", { load: { peakEventsPerSecond: -5 } }, /^telemetry:load\.peakEventsPerSecond = -5 is invalid: must be ≥ 1$/],
    ["fractional peak", { load: { peakEventsPerSecond: 1.5 } }, /^telemetry:load\.peakEventsPerSecond = 1\.5 is invalid: expected integer/],
    ["string where number", { load: { averageEventBytes: "1KB" } }, /^telemetry:load\.averageEventBytes = "1KB" is invalid: expected number, got string$/],
    ["average above peak", { load: { peakEventsPerSecond: 10, averageEventsPerSecond: 20 } }, /^telemetry:load\.averageEventsPerSecond = 20 is invalid: must not exceed peakEventsPerSecond \(10\)$/],
    ["more than 500 events per request", { load: { eventsPerRequest: 501 } }, /^telemetry:load\.eventsPerRequest = 501 is invalid: must be ≤ 500$/],
    ["unknown load field", { load: { peak: 5 } }, /^telemetry:load = \{"peak":5\} is invalid: unknown field\(s\) peak; allowed fields: peakEventsPerSecond, averageEventsPerSecond, averageEventBytes, eventsPerRequest$/],
    ["log retention not offered by CloudWatch", { retention: { logDays: 31 } }, /^telemetry:retention\.logDays = 31 is invalid: must be one of 1, 3, 5, 7, 14, 30/],
    ["stream retention below 24 h", { retention: { streamHours: 12 } }, /^telemetry:retention\.streamHours = 12 is invalid: must be ≥ 24$/],
    ["stream retention above 365 days", { retention: { streamHours: 9000 } }, /^telemetry:retention\.streamHours = 9000 is invalid: must be ≤ 8760$/],
    ["zero-day zone", { retention: { zones: { raw: 0 } } }, /^telemetry:retention\.zones\.raw = 0 is invalid: must be ≥ 1$/],
    ["dedup window zero", { dedupWindowMinutes: 0 }, /^telemetry:dedupWindowMinutes = 0 is invalid: must be ≥ 1$/],
    ["unknown dedup field", { dedupKeyFields: ["event_id", "level"] }, /^telemetry:dedupKeyFields\.1 = "level" is invalid: allowed values: "event_id", "user_id"/],
    ["repeated dedup field", { dedupKeyFields: ["event_id", "event_id"] }, /^telemetry:dedupKeyFields = \["event_id","event_id"\] is invalid: fields must not repeat$/],
    ["empty auth list", { auth: [] }, /^telemetry:auth = \[\] is invalid: needs at least 1 item\(s\)$/],
    ["unknown auth mode", { auth: ["apiKey", "oauth"] }, /^telemetry:auth\.1 = "oauth" is invalid: allowed values: "apiKey", "cognito", "iam"$/],
    ["bad alert email", { alerts: { email: "oncall" } }, /^telemetry:alerts\.email = "oncall" is invalid: expected an email address$/],
    ["dead-letter threshold above 100 %", { alerts: { deadLetterRatePercent: 150 } }, /^telemetry:alerts\.deadLetterRatePercent = 150 is invalid: must be ≤ 100$/],
    ["shard override zero", { sizing: { rawShards: 0 } }, /^telemetry:sizing\.rawShards = 0 is invalid: must be ≥ 1$/],
    ["unknown Kinesis mode", { sizing: { kinesisMode: "auto" } }, /^telemetry:sizing\.kinesisMode = "auto" is invalid: allowed values: "ON_DEMAND", "PROVISIONED"$/],
    ["Firehose buffer above 128 MiB", { sizing: { firehoseBufferMiB: 256 } }, /^telemetry:sizing\.firehoseBufferMiB = 256 is invalid: must be ≤ 128$/],
    ["parallelisation above 10", { sizing: { parallelizationFactor: 11 } }, /^telemetry:sizing\.parallelizationFactor = 11 is invalid: must be ≤ 10$/],
    ["record limit above Kinesis' 1 MiB", { event: { maxRecordBytes: 2_000_000 } }, /^telemetry:event\.maxRecordBytes = 2000000 is invalid: must be ≤ 1048576$/],
    ["protectData as string", { protectData: "yes" }, /^telemetry:protectData = "yes" is invalid: expected boolean, got string$/],
    ["bad tag key", { tags: { "bad key!": "x" } }, /^telemetry:tags\.bad key! = "x" is invalid: tag keys must be 1–128 characters of letters, digits, spaces and _ \. : \/ = \+ - @$/],
    ["unknown top-level key", { varient: "aws-msk" }, /^telemetry:varient is not a known key; allowed keys: variant, tier, load, /],
  ];
  for (const [what, raw, expected] of cases) {
    it(`rejects ${what} naming the key, the value and what is allowed`, () => {
      assert.match(errorOf(raw), expected);
    });
  }

  it("reports every problem, one line each", () => {
    const lines = errorOf({ variant: "x", dedupWindowMinutes: -1 }).split("\n");
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^telemetry:variant/);
    assert.match(lines[1], /^telemetry:dedupWindowMinutes/);
  });

  it("offers exactly CloudWatch's retention periods", () => {
    for (const days of LOG_RETENTION_DAYS) assert.equal(parseTelemetryConfig({ retention: { logDays: days } }).retention.logDays, days);
    for (const days of [0, 2, 4, 6, 8, 13, 15, 29, 31, 366, 3652, 3654]) assert.throws(() => parseTelemetryConfig({ retention: { logDays: days } }), ConfigError);
  });
});

describe("config: decoding Pulumi's flat config", () => {
  it("parses JSON values, keeps plain strings and ignores other namespaces", () => {
    const raw = decodeTelemetryConfig({
      "aws:region": "us-east-1",
      "telemetry:variant": "aws-msk",
      "telemetry:dedupWindowMinutes": "45",
      "telemetry:protectData": "true",
      "telemetry:load": '{"peakEventsPerSecond":1000}',
    });
    assert.deepEqual(raw, { variant: "aws-msk", dedupWindowMinutes: 45, protectData: true, load: { peakEventsPerSecond: 1000 } });
  });

  it("passes undecodable JSON through so validation names the bad value", () => {
    const raw = decodeTelemetryConfig({ "telemetry:load": "{peak: 5" });
    assert.match(errorOf(raw), /^telemetry:load = "\{peak: 5" is invalid: expected object, got string$/);
  });
});

describe("config: pattern-checked strings", () => {
  it("names the pattern a string must match when the schema gives no message of its own", () => {
    assert.match(errorOf({ msk: { connectorPluginSha256: "abc" } }), /^telemetry:msk\.connectorPluginSha256 = "abc" is invalid: must match \/\^\[0-9a-f\]\{64\}\$\/$/);
  });
});

describe("config: cross-field rules", () => {
  it("caps the record size while the DynamoDB SILVER staging table is on (400 KB items)", () => {
    assert.match(
      errorOf({ silverStagingTable: true, event: { maxRecordBytes: 131_072 } }),
      /^telemetry:event\.maxRecordBytes = 131072 is invalid: must be ≤ 65536 while telemetry:silverStagingTable is true/,
    );
    assert.equal(parseTelemetryConfig({ silverStagingTable: true, event: { maxRecordBytes: 65_536 } }).event.maxRecordBytes, 65_536);
    assert.equal(parseTelemetryConfig({ silverStagingTable: false, event: { maxRecordBytes: 131_072 } }).event.maxRecordBytes, 131_072);
  });
});

describe("config: tier-specific options", () => {
  it("refuses the DynamoDB SILVER staging table in the heavy tier", () => {
    assert.match(errorOf({ tier: "heavy", silverStagingTable: true }), /^telemetry:silverStagingTable = true is invalid: allowed only with telemetry:tier = "light"/);
  });
});
