/** Architecture diagrams: graph derived from wiring, DOT rendering, wasm renderers, and the committed diagrams being current. */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { PROJECT_ROOT } from "../../scripts/plan/stack-config";
import { architectureDot } from "../../scripts/review/architecture-dot";
import { buildArchitectureGraph, type ArchitectureGraph } from "../../scripts/review/architecture-graph";
import { renderPng, renderSvg } from "../../scripts/review/render-diagram";
import { stackDiagramDot } from "../../scripts/review/stack-diagram";
import { stackPlan } from "../support/stack-plans";

const urn = (type: string, name: string) => `urn:pulumi:dev::game-telemetry::${type}::${name}`;
const PIPELINE = urn("telemetry:index:Pipeline", "telemetry");
function r(type: string, name: string, inputs: Record<string, unknown>, parent: string | undefined, custom = true): PlannedResource {
  return { type, name, urn: urn(type, name), parent, inputs, custom, protect: false, retainOnDelete: false, dependsOn: [] };
}
const STREAM = urn("telemetry:aws:EventStream", "telemetry-stream");
const PROCESSING = urn("telemetry:aws:Processing", "telemetry-processing");
const ACCOUNT = "123456789012";
const streamArn = (name: string) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`;

const RESOURCES: PlannedResource[] = [
  r("telemetry:index:Pipeline", "telemetry", {}, undefined, false),
  r("telemetry:aws:EventStream", "telemetry-stream", {}, PIPELINE, false),
  r("telemetry:aws:Processing", "telemetry-processing", {}, PIPELINE, false),
  r("aws:kinesis/stream:Stream", "telemetry-stream-raw", { name: "dev-raw" }, STREAM),
  r("aws:kinesis/stream:Stream", "telemetry-stream-clean", { name: "dev-clean" }, STREAM),
  r("aws:iam/role:Role", "telemetry-processing-role", { name: "tlm-dev-processor" }, PROCESSING),
  r("aws:iam/rolePolicy:RolePolicy", "telemetry-processing-policy", {
    role: "tlm-dev-processor",
    policy: JSON.stringify({ Statement: [
      { Effect: "Allow", Action: ["kinesis:GetRecords", "kinesis:GetShardIterator"], Resource: streamArn("dev-raw") },
      { Effect: "Allow", Action: ["kinesis:PutRecords"], Resource: streamArn("dev-clean") },
    ] }),
  }, PROCESSING),
  r("aws:lambda/function:Function", "telemetry-processing-fn", { name: "tlm-dev-processor-fn", role: `arn:aws:iam::${ACCOUNT}:role/tlm-dev-processor` }, PROCESSING),
  r("aws:lambda/eventSourceMapping:EventSourceMapping", "telemetry-processing-esm", { functionName: "tlm-dev-processor-fn", eventSourceArn: streamArn("dev-raw") }, PROCESSING),
  r("aws:s3/bucket:Bucket", "telemetry-raw-bucket", { bucket: "tlm-dev-raw" }, PIPELINE),
  r("aws:s3/bucket:Bucket", "telemetry-raw-logs-bucket", { bucket: "tlm-dev-raw-logs" }, PIPELINE),
  r("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "telemetry-raw-delivery", {
    name: "tlm-dev-raw-delivery",
    kinesisSourceConfiguration: { kinesisStreamArn: streamArn("dev-raw") },
    extendedS3Configuration: { bucketArn: "arn:aws:s3:::tlm-dev-raw" },
  }, PIPELINE),
  r("aws:sns/topic:Topic", "telemetry-alerts", { name: "tlm-dev-alerts" }, PIPELINE),
  r("aws:cloudwatch/metricAlarm:MetricAlarm", "telemetry-alarm-a", { alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:tlm-dev-alerts`] }, PIPELINE),
  r("aws:cloudwatch/metricAlarm:MetricAlarm", "telemetry-alarm-b", { alarmActions: [`arn:aws:sns:us-east-1:${ACCOUNT}:tlm-dev-alerts`] }, PIPELINE),
];

function edgesByLabel(graph: ArchitectureGraph): string[] {
  const label = (id: string) => graph.nodes.find((n) => n.id === id)!.label.replace("\n", " ");
  return graph.edges.map((e) => `${label(e.from)} -> ${label(e.to)} (${e.kind})`).sort();
}

describe("architecture diagram", () => {
  const graph = buildArchitectureGraph(RESOURCES, "test");

  it("derives data flow from the wiring: IAM grants, event source mapping, Firehose source/destination, alarm actions", () => {
    assert.deepEqual(edgesByLabel(graph), [
      "CloudWatch alarms ×2 -> SNS topic telemetry-alerts (control)",
      "Firehose telemetry-raw-delivery -> S3 telemetry-raw-bucket (data)",
      "Kinesis stream raw -> Firehose telemetry-raw-delivery (data)",
      "Kinesis stream raw -> Lambda processing (data)", // read grant and trigger, drawn once
      "Lambda processing -> Kinesis stream clean (data)", // PutRecords grant: the function writes clean
    ]);
  });

  it("draws plumbing out, aggregates alarms, clusters by component, and draws a one-node component as that node", () => {
    assert.ok(!graph.nodes.some((n) => /role|policy|esm/i.test(n.label)));
    assert.equal(graph.nodes.filter((n) => n.label.startsWith("CloudWatch alarms")).length, 1);
    assert.equal(graph.nodes.find((n) => n.label === "Kinesis stream\nraw")!.cluster, STREAM);
    // telemetry-processing holds only the function: no cluster, the node carries the component's name.
    assert.equal(graph.nodes.find((n) => n.label === "Lambda\nprocessing")!.cluster, undefined);
    assert.deepEqual(graph.clusters.map((c) => c.urn), [STREAM]);
  });

  it("a bucket name inside a longer name is not a reference to it (tlm-dev-raw ≠ tlm-dev-raw-logs)", () => {
    const logs = graph.nodes.find((n) => n.label.includes("raw-logs"))!;
    assert.ok(!graph.edges.some((e) => e.from === logs.id || e.to === logs.id));
  });

  it("renders DOT to SVG and PNG with the WebAssembly builds", async () => {
    const dot = architectureDot(graph);
    assert.match(dot, /subgraph "cluster_telemetry-stream_[0-9a-f]{8}"/);
    const svg = await renderSvg(dot);
    assert.match(svg, /<svg[\s\S]*Kinesis stream/);
    const { png } = await renderPng(svg, 400);
    assert.deepEqual([...png.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  for (const stack of ["dev", "prod"]) {
    it(`docs/diagrams/${stack}.dot is current (regenerate: npm run diagram -- ${stack})`, async () => {
      const committed = join(PROJECT_ROOT, "docs", "diagrams", `${stack}.dot`);
      assert.ok(existsSync(committed), `${committed} is missing: run npm run diagram -- ${stack}`);
      const current = stackDiagramDot(await stackPlan(stack));
      assert.ok(current === readFileSync(committed, "utf8"), `docs/diagrams/${stack}.dot is stale: run npm run diagram -- ${stack} and commit docs/diagrams/${stack}.{dot,svg,png}`);
    });
  }
});
