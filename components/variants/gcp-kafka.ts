/** The gcp-kafka variant. (Scaffold: the owning helper replaces this file.) */
import { ConfigError } from "../config";
import type { StackOutputs } from "../contracts";
import type { VariantContext } from "../variant-context";

export function buildGcpKafka(ctx: VariantContext): StackOutputs {
  throw new ConfigError(`telemetry:variant = "${ctx.config.variant}" is not built yet`);
}
