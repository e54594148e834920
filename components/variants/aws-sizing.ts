/**
 * Variant-specific sizing `npm run plan` prints for the AWS variants: MSK brokers and partitions
 * (aws-msk) and, in the heavy tier, Flink parallelism/KPUs, enrichment workers and Redshift RPUs.
 */
import type { TelemetryConfig } from "../config";
import { deriveMskSizing } from "../aws/msk-sizing";
import { deriveHeavySizing } from "../heavy/sizing";

export function awsNativeSizing(config: TelemetryConfig): Record<string, unknown> | undefined {
  return config.tier === "heavy" ? { heavy: deriveHeavySizing(config) } : undefined;
}

export function awsMskSizing(config: TelemetryConfig): Record<string, unknown> {
  return { msk: deriveMskSizing(config), ...(config.tier === "heavy" ? { heavy: deriveHeavySizing(config) } : {}) };
}
