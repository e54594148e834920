/**
 * The variant registry: which builder deploys each `telemetry:variant`, which tiers it supports,
 * and (optionally) the variant-specific sizing `plan` prints.
 */
import type { Tier, Variant, TelemetryConfig } from "../config";
import type { StackOutputs } from "../contracts";
import type { VariantContext } from "../variant-context";
import { buildAwsMsk } from "./aws-msk";
import { buildAwsNative } from "./aws-native";
import { awsMskSizing, awsNativeSizing } from "./aws-sizing";
import { buildGcpKafka, gcpKafkaSizing } from "./gcp-kafka";
import { buildGcpNative, gcpNativeSizing } from "./gcp-native";

export interface VariantBuilder {
  tiers: readonly Tier[];
  build(ctx: VariantContext): StackOutputs;
  /** Variant-specific derived sizing (e.g. MSK brokers, Pub/Sub workers) for the plan printout. */
  sizing?(config: TelemetryConfig): Record<string, unknown> | undefined;
}

export const VARIANT_BUILDERS: Record<Variant, VariantBuilder> = {
  "aws-native": { tiers: ["light", "heavy"], build: buildAwsNative, sizing: awsNativeSizing },
  "aws-msk": { tiers: ["light", "heavy"], build: buildAwsMsk, sizing: awsMskSizing },
  "gcp-native": { tiers: ["light"], build: buildGcpNative, sizing: gcpNativeSizing },
  "gcp-kafka": { tiers: ["light"], build: buildGcpKafka, sizing: gcpKafkaSizing },
};
