/** The gcp-native variant: HTTPS function → Pub/Sub → Dataflow (core UDF) → BigQuery, GCS lake. */
import type { StackOutputs } from "../contracts";
import { buildGcpPipeline } from "../gcp/gcp-pipeline";
import type { VariantContext } from "../variant-context";

export { gcpNativeSizing } from "../gcp/gcp-sizing";

export function buildGcpNative(ctx: VariantContext): StackOutputs {
  return buildGcpPipeline(ctx, "pubsub");
}
