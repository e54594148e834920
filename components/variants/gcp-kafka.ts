/** The gcp-kafka variant: HTTPS function → Managed Kafka → Dataflow (core UDF) → BigQuery, GCS lake. */
import type { StackOutputs } from "../contracts";
import { buildGcpPipeline } from "../gcp/gcp-pipeline";
import type { VariantContext } from "../variant-context";

export { gcpKafkaSizing } from "../gcp/gcp-sizing";

export function buildGcpKafka(ctx: VariantContext): StackOutputs {
  return buildGcpPipeline(ctx, "kafka");
}
