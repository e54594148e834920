/**
 * The heavy tier's entry point for the AWS variant builders:
 *
 *   const common = buildAwsCommon(ctx);
 *   …stream layer…
 *   const heavy = ctx.config.tier === "heavy" ? buildHeavyTier(ctx, common, { kind: "kinesis", raw, clean, deadLetter }) : undefined;
 *   …skip the Lambda processor when heavy (keep clean → SILVER delivery)…
 *   return withHeavyOutputs(awsStackOutputs(ctx, common, {...}), heavy);
 *
 * See /work/notes/requests-H8.md and docs/heavy-tier-aws.md.
 */
import type { StackOutputs } from "../../contracts";
import type { VariantContext } from "../../variant-context";
import type { AwsCommon } from "../../variants/aws-common";
import { HeavyTier, type HeavyStreamLayer } from "./heavy-tier";

export { HeavyTier, type HeavyStreamLayer } from "./heavy-tier";

/** Logical name of the heavy tier's component (`<pipeline>-heavy`, parent: the pipeline). */
export const HEAVY_LOGICAL_NAME = "heavy";

export function buildHeavyTier(ctx: VariantContext, common: Pick<AwsCommon, "env" | "key" | "lake" | "catalog" | "alerts">, stream: HeavyStreamLayer): HeavyTier {
  return new HeavyTier(
    `${ctx.name}-${HEAVY_LOGICAL_NAME}`,
    {
      stack: ctx.stack,
      config: ctx.config,
      names: ctx.names,
      env: common.env,
      keyArn: common.key.arn,
      lake: common.lake,
      catalog: common.catalog,
      alertTopicArn: common.alerts.arn,
      stream,
      tags: ctx.tags,
    },
    { parent: ctx.parent },
  );
}

/** The variant's outputs plus the heavy tier's buckets (staging, artifacts), `deduped` stream and Grafana URL. */
export function withHeavyOutputs(outputs: StackOutputs, heavy: HeavyTier | undefined): StackOutputs {
  if (!heavy) return outputs;
  const extra = heavy.outputs();
  return {
    ...outputs,
    buckets: { ...outputs.buckets, ...extra.buckets },
    streams: { ...outputs.streams, ...extra.streams },
    dashboards: { ...outputs.dashboards, ...extra.dashboards },
  };
}
