/** The aws-msk variant. (Scaffold: the owning helper replaces this file.) */
import { ConfigError } from "../config";
import type { StackOutputs } from "../contracts";
import type { VariantContext } from "../variant-context";

export function buildAwsMsk(ctx: VariantContext): StackOutputs {
  throw new ConfigError(`telemetry:variant = "${ctx.config.variant}" is not built yet`);
}
