/**
 * Builds the heavy tier directly under mocks on top of the real shared AWS pieces (buildAwsCommon)
 * and a real stream layer (Kinesis streams, or an MSK cluster ARN + H4's Network), before and
 * independently of the variant builders calling it.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseTelemetryConfig, type TelemetryConfig } from "../../components/config";
import { buildHeavyTier, type HeavyTier } from "../../components/aws/heavy";
import { KinesisEventStream } from "../../components/aws/kinesis-event-stream";
import { Network } from "../../components/aws/network";
import { namesFor } from "../../components/naming";
import { deriveSizing } from "../../components/sizing";
import { baseTags } from "../../components/tags";
import { buildAwsCommon } from "../../components/variants/aws-common";
import type { VariantContext } from "../../components/variant-context";
import { runUnderMocks, type PlannedResource } from "../../scripts/plan/run-under-mocks";

export const MSK_CLUSTER_ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/tlm-prod-kafka/5c1a2b3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2";
export const MSK_BOOTSTRAP = "b-1.tlm-prod-kafka.abc123.c2.kafka.us-east-1.amazonaws.com:9098,b-2.tlm-prod-kafka.abc123.c2.kafka.us-east-1.amazonaws.com:9098";

export interface HeavyPlan {
  config: TelemetryConfig;
  resources: PlannedResource[];
}

/** Seed-scale prod-like config for the heavy tier (overridable). */
export function heavyConfig(raw: Record<string, unknown> = {}): TelemetryConfig {
  return parseTelemetryConfig({
    tier: "heavy",
    load: { peakEventsPerSecond: 100_000, averageEventsPerSecond: 35_000, averageEventBytes: 1024 },
    retention: { streamHours: 168, logDays: 90 },
    protectData: true,
    ...raw,
  });
}

const memo = new Map<string, Promise<HeavyPlan>>();

export function planHeavy(source: "kinesis" | "msk", raw: Record<string, unknown> = {}, stack = "prod"): Promise<HeavyPlan> {
  const key = JSON.stringify([source, raw, stack]);
  let plan = memo.get(key);
  if (!plan) {
    plan = build(source, raw, stack);
    memo.set(key, plan);
  }
  return plan;
}

async function build(source: "kinesis" | "msk", raw: Record<string, unknown>, stack: string): Promise<HeavyPlan> {
  const config = heavyConfig(raw);
  const { resources } = await runUnderMocks(
    () => {
      const root = new pulumi.ComponentResource("telemetry:index:Pipeline", "telemetry", {});
      const names = namesFor(stack);
      const ctx: VariantContext = { name: "telemetry", stack, config, sizing: deriveSizing(config), names, tags: baseTags(config, stack), parent: root };
      const common = buildAwsCommon(ctx);
      let heavy: HeavyTier;
      if (source === "kinesis") {
        const streams = new KinesisEventStream(
          "telemetry-stream",
          {
            streamNames: { raw: names.stream("raw"), clean: names.stream("clean"), "dead-letter": names.stream("dead-letter") },
            sizing: ctx.sizing.kinesis,
            retentionHours: config.retention.streamHours,
            keyArn: common.key.arn,
            protect: config.protectData,
            tags: ctx.tags,
          },
          { parent: root },
        );
        const channel = (s: { name: pulumi.Output<string>; arn: pulumi.Output<string> }) => ({ name: s.name, arn: s.arn });
        heavy = buildHeavyTier(ctx, common, {
          kind: "kinesis",
          raw: channel(streams.streams.raw),
          clean: channel(streams.streams.clean),
          deadLetter: channel(streams.streams["dead-letter"]),
        });
      } else {
        const network = new Network(
          "telemetry-network",
          { availabilityZones: 3, vpcCidr: "10.40.0.0/16", natGateway: false, logRetentionDays: config.retention.logDays, resourcePrefix: `tlm-${stack}-msk`, keyArn: common.key.arn, tags: ctx.tags },
          { parent: root },
        );
        heavy = buildHeavyTier(ctx, common, {
          kind: "msk",
          clusterArn: MSK_CLUSTER_ARN,
          bootstrapServers: MSK_BOOTSTRAP,
          topics: { raw: names.stream("raw"), clean: names.stream("clean"), deduped: names.stream("deduped"), deadLetter: names.stream("dead-letter") },
          network,
        });
      }
      return heavy;
    },
    { stack },
  );
  return { config, resources };
}
