/**
 * TelemetryPipeline: the whole stack. Picks the variant's builder and wires its parts; everything
 * variant-specific lives behind the contracts in `contracts.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, type TelemetryConfig } from "./config";
import type { StackOutputs } from "./contracts";
import { namesFor } from "./naming";
import { deriveSizing, type Sizing } from "./sizing";
import { baseTags } from "./tags";
import { VARIANT_BUILDERS, type VariantBuilder } from "./variants";

export interface TelemetryPipelineArgs {
  config: TelemetryConfig;
  /** Stack name (`pulumi.getStack()` in the program). */
  stack: string;
}

/** The builder for a config, or a ConfigError naming the variant/tier combinations this build deploys. */
export function builderFor(config: Pick<TelemetryConfig, "variant" | "tier">): VariantBuilder {
  const builder = VARIANT_BUILDERS[config.variant];
  if (!builder.tiers.includes(config.tier)) {
    const allowed = Object.entries(VARIANT_BUILDERS)
      .flatMap(([variant, b]) => b.tiers.map((tier) => `${variant}/${tier}`))
      .join(", ");
    throw new ConfigError(
      `telemetry:tier = "${config.tier}" is not available for telemetry:variant = "${config.variant}"; variant/tier combinations allowed in this build: ${allowed}`,
    );
  }
  return builder;
}

export class TelemetryPipeline extends pulumi.ComponentResource {
  public readonly outputs: StackOutputs;
  public readonly sizing: Sizing;

  constructor(name: string, args: TelemetryPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before anything is registered: a refused combination creates no resource.
    const builder = builderFor(args.config);
    super("telemetry:index:Pipeline", name, {}, opts);
    this.sizing = deriveSizing(args.config);
    this.outputs = builder.build({
      name,
      stack: args.stack,
      config: args.config,
      sizing: this.sizing,
      names: namesFor(args.stack),
      tags: baseTags(args.config, args.stack),
      parent: this,
    });
    this.registerOutputs({ ...this.outputs });
  }
}
