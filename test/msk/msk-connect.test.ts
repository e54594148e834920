import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, parseTelemetryConfig } from "../../components/config";
import { parsePluginSource, sha256Hex, verifyLocalPlugin } from "../../components/aws/msk/connector-plugin";
import { MSK_ARTIFACT_ZONE, mskLoggedZones } from "../../components/aws/msk-names";
import { AIVEN_S3_SINK_CLASS, s3SinkConnectorConfig } from "../../components/aws/msk/s3-sink-connector-config";
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { ofType, one, policyDocument } from "../support/resources";
import { configPlan, refusedPipeline } from "../support/stack-plans";

const dir = mkdtempSync(join(tmpdir(), "msk-plugin-"));
const pluginPath = join(dir, "aiven-s3-sink-3.1.0.zip");
const pluginBytes = Buffer.from("PK\u0003\u0004 not really a zip, but bytes with a hash");
writeFileSync(pluginPath, pluginBytes);
const sha = sha256Hex(pluginBytes);

describe("MSK Connect plugin source", () => {

  it("parses s3, https and local sources", () => {
    assert.deepEqual(parsePluginSource("s3://plugins-bucket/aiven/s3-sink.zip", "/repo"), { kind: "s3", bucket: "plugins-bucket", key: "aiven/s3-sink.zip", contentType: "ZIP" });
    assert.deepEqual(parsePluginSource("https://example.com/dl/s3-sink.jar", "/repo"), { kind: "url", url: "https://example.com/dl/s3-sink.jar", fileName: "s3-sink.jar", contentType: "JAR" });
    assert.deepEqual(parsePluginSource("plugins/s3.zip", "/repo"), { kind: "file", path: "/repo/plugins/s3.zip", fileName: "s3.zip", contentType: "ZIP" });
  });

  it("checks a local plugin against the configured SHA-256", () => {
    verifyLocalPlugin(parsePluginSource(pluginPath, "/"), sha);
    const wrong = "0".repeat(64);
    assert.throws(() => verifyLocalPlugin(parsePluginSource(pluginPath, "/"), wrong), (e: Error) => e instanceof ConfigError && e.message.includes(`its SHA-256 is ${sha}`) && /telemetry:msk\.connectorPluginSha256/.test(e.message));
    assert.throws(() => verifyLocalPlugin(parsePluginSource(join(dir, "missing.zip"), "/"), sha), /msk\.connectorPluginSource = ".*missing\.zip" does not exist/);
  });

  it("a plan with a wrong hash fails before any resource exists", async () => {
    const config = parseTelemetryConfig({ variant: "aws-msk", msk: { delivery: "connect", connectorPluginSource: pluginPath, connectorPluginSha256: "f".repeat(64) } });
    const { caught, resources } = await refusedPipeline(config);
    assert.ok(caught instanceof ConfigError);
    // Only the pipeline component itself is registered before its builder runs.
    assert.deepEqual(resources.map((r) => r.type), ["telemetry:index:Pipeline"]);
  });

  it("asks the lake's log bucket to accept the artifact bucket's logs only when a plugin is uploaded", () => {
    const config = (msk: Record<string, unknown>, variant = "aws-msk") => parseTelemetryConfig({ variant, msk });
    assert.deepEqual(mskLoggedZones(config({ delivery: "connect", connectorPluginSource: pluginPath, connectorPluginSha256: sha })), [MSK_ARTIFACT_ZONE]);
    assert.deepEqual(mskLoggedZones(config({ delivery: "connect", connectorPluginSource: "https://example.com/s3-sink.zip", connectorPluginSha256: sha })), [MSK_ARTIFACT_ZONE]);
    assert.deepEqual(mskLoggedZones(config({ delivery: "connect", connectorPluginSource: "s3://b/k.zip", connectorPluginSha256: sha })), []);
    assert.deepEqual(mskLoggedZones(config({})), []);
    assert.deepEqual(mskLoggedZones(config({ delivery: "connect", connectorPluginSource: pluginPath, connectorPluginSha256: sha }, "aws-native")), []);
  });

  it("writes values as NDJSON under the RAW prefix in hour partitions", () => {
    const config = s3SinkConnectorConfig({ topic: "dev-client-game_event-raw", bucketName: "lake-raw", region: "us-east-1", prefix: "raw/", tasks: 2 });
    assert.equal(config["connector.class"], AIVEN_S3_SINK_CLASS);
    assert.equal(config.topics, "dev-client-game_event-raw");
    assert.equal(config["file.name.prefix"], "raw/");
    assert.match(config["file.name.template"], /^year=\{\{timestamp:unit=yyyy\}\}\/month=.*\/hour=\{\{timestamp:unit=HH\}\}\//);
    assert.equal(config["format.output.envelope"], "false");
    assert.equal(config["errors.tolerance"], "none");
    assert.throws(() => s3SinkConnectorConfig({ topic: "t", bucketName: "b", region: "r", prefix: "raw/", tasks: 0 }), /at least one task/);
  });
});

describe("aws-msk with MSK Connect delivery", function () {
  this.timeout(120_000);
  let resources: PlannedResource[];
  after(() => rmSync(dir, { recursive: true, force: true }));

  before(async () => {
    resources = (await configPlan({ variant: "aws-msk", msk: { delivery: "connect", connectorPluginSource: pluginPath, connectorPluginSha256: sha } }, "test")).resources;
  });

  it("runs the S3 sink with IAM-authenticated TLS, autoscaling workers and worker logs", () => {
    const connector = one(resources, "aws:mskconnect/connector:Connector");
    assert.deepEqual(connector.inputs.kafkaClusterClientAuthentication, { authenticationType: "IAM" });
    assert.deepEqual(connector.inputs.kafkaClusterEncryptionInTransit, { encryptionType: "TLS" });
    assert.match(connector.inputs.kafkaCluster.apacheKafkaCluster.bootstrapServers, /:9098/);
    const scaling = connector.inputs.capacity.autoscaling;
    assert.equal(scaling.minWorkerCount, 1);
    assert.ok(scaling.maxWorkerCount >= 2 && scaling.maxWorkerCount <= 10);
    const logGroup = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === connector.inputs.logDelivery.workerLogDelivery.cloudwatchLogs.logGroup)!;
    assert.ok(logGroup.inputs.retentionInDays > 0);
    assert.equal(connector.inputs.connectorConfiguration.topics, "test-client-game_event-raw");
  });

  it("builds the plugin from the uploaded artifact, its name pinned to the hash", () => {
    const plugin = one(resources, "aws:mskconnect/customPlugin:CustomPlugin");
    assert.ok(plugin.inputs.name.endsWith(`-${sha.slice(0, 12)}`));
    assert.ok(plugin.inputs.description.includes(sha));
    const object = one(resources, "aws:s3/bucketObjectv2:BucketObjectv2");
    assert.equal(plugin.inputs.location.s3.fileKey, object.inputs.key);
    assert.equal(object.inputs.metadata.sha256, sha);
    const connector = one(resources, "aws:mskconnect/connector:Connector");
    assert.equal(connector.inputs.plugins[0].customPlugin.revision, 1);
  });

  it("delivers raw through the connector only (Firehose keeps dead-letter and clean)", () => {
    const topics = ofType(resources, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").map((d) => d.inputs.mskSourceConfiguration.topicName).sort();
    assert.deepEqual(topics, ["test-client-game_event-clean", "test-client-game_event-dead-letter"]);
  });

  it("lets the connector role write only the RAW prefix and read only the raw topic", () => {
    const policy = one(resources, "aws:iam/rolePolicy:RolePolicy", "raw-connect-role-policy");
    const doc = policyDocument(policy);
    const writes = doc.Statement.filter((s) => ([] as string[]).concat(s.Action).includes("s3:PutObject")).flatMap((s) => s.Resource);
    assert.equal(writes.length, 1);
    assert.match(writes[0], /\/raw\/\*$/);
    const reads = doc.Statement.filter((s) => ([] as string[]).concat(s.Action).includes("kafka-cluster:ReadData")).flatMap((s) => s.Resource);
    assert.ok(reads.some((r: string) => r.endsWith("/test-client-game_event-raw")));
    assert.ok(reads.every((r: string) => r.endsWith("/test-client-game_event-raw") || r.endsWith("/__amazon_msk_connect_*")));
  });

  it("alarms on errored connector tasks and on the connector's consumer lag", () => {
    const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.equal(alarms.filter((a) => a.inputs.metricName === "ErroredTaskCount").length, 1);
    assert.equal(alarms.filter((a) => a.inputs.metricName === "SumOffsetLag").length, 2, "processor and connector groups");
  });

  it("uses an s3:// plugin in place, without an artifact bucket or upload", async () => {
    const plan = await configPlan({ variant: "aws-msk", msk: { delivery: "connect", connectorPluginSource: "s3://shared-plugins/aiven/s3-sink-3.1.0.zip", connectorPluginSha256: sha } }, "test");
    const plugin = one(plan.resources, "aws:mskconnect/customPlugin:CustomPlugin");
    assert.deepEqual(plugin.inputs.location.s3, { bucketArn: "arn:aws:s3:::shared-plugins", fileKey: "aiven/s3-sink-3.1.0.zip" });
    assert.equal(plugin.inputs.contentType, "ZIP");
    assert.deepEqual(ofType(plan.resources, "aws:s3/bucketObjectv2:BucketObjectv2"), []);
    assert.equal(ofType(plan.resources, "aws:s3/bucket:Bucket").length, ofType(resources, "aws:s3/bucket:Bucket").length - 1);
  });
});
