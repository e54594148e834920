/**
 * The aws-msk builder in the heavy tier (Managed Flink replaces the processor Lambda). Built directly
 * under mocks: the variant registry decides when the heavy tier is offered for aws-msk.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { parseTelemetryConfig } from "../../components/config";
import { namesFor } from "../../components/naming";
import { deriveSizing } from "../../components/sizing";
import { baseTags } from "../../components/tags";
import { FLINK_CONSUMER_GROUP } from "../../components/aws/heavy/flink-dedup-application";
import { deriveMskSizing } from "../../components/aws/msk-sizing";
import { buildAwsMsk } from "../../components/variants/aws-msk";
import { runUnderMocks, type PlannedResource } from "../../scripts/plan/run-under-mocks";
import { ofType, one } from "../support/resources";

class PipelineStandIn extends pulumi.ComponentResource {
  constructor() {
    super("telemetry:index:Pipeline", "telemetry", {});
  }
}

describe("aws-msk builder, heavy tier", function () {
  this.timeout(120_000);
  const config = parseTelemetryConfig({ variant: "aws-msk", tier: "heavy", load: { peakEventsPerSecond: 100_000, averageEventsPerSecond: 35_000 }, retention: { streamHours: 24 } });
  const msk = deriveMskSizing(config);
  let resources: PlannedResource[];

  before(async () => {
    ({ resources } = await runUnderMocks(
      () => {
        buildAwsMsk({ name: "telemetry", stack: "prod", config, sizing: deriveSizing(config), names: namesFor("prod"), tags: baseTags(config, "prod"), parent: new PipelineStandIn() });
      },
      { stack: "prod" },
    ));
  });

  it("creates the deduped topic with the others, sized like clean", () => {
    const topics = JSON.parse(one(resources, "aws:lambda/invocation:Invocation").inputs.input).topics;
    assert.deepEqual(
      topics.map((t: { name: string; partitions: number }) => [t.name, t.partitions]),
      [
        ["prod-client-game_event-raw", msk.partitions.raw],
        ["prod-client-game_event-clean", msk.partitions.clean],
        ["prod-client-game_event-dead-letter", msk.partitions.deadLetter],
        ["prod-client-game_event-deduped", msk.partitions.clean],
      ],
    );
  });

  it("deploys no processor Lambda or event-source mapping, but still delivers clean to SILVER", () => {
    assert.equal(ofType(resources, "aws:lambda/eventSourceMapping:EventSourceMapping").length, 0);
    assert.ok(!ofType(resources, "aws:lambda/function:Function").some((f) => String(f.inputs.name).endsWith("msk-processor")));
    const silver = ofType(resources, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").filter((d) => d.inputs.mskSourceConfiguration?.topicName === "prod-client-game_event-clean");
    assert.equal(silver.length, 1);
  });

  it("watches Flink's consumer group lag instead of the processor's", () => {
    const lag = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.inputs.metricName === "SumOffsetLag");
    assert.deepEqual(lag.map((a) => a.inputs.dimensions["Consumer Group"]), [FLINK_CONSUMER_GROUP]);
  });
});
