/** Plans a stack offline: config → TelemetryPipeline under mocks → resources, sizing, outputs. */
import { parseTelemetryConfig, type TelemetryConfig } from "../../components/config";
import { builderFor, TelemetryPipeline } from "../../components/pipeline";
import { decodeTelemetryConfig } from "../../components/read-config";
import type { Sizing } from "../../components/sizing";
import { resolveOutput, runUnderMocks, type PlannedResource } from "./run-under-mocks";
import { loadStackConfig } from "./stack-config";

export interface StackPlan {
  stack: string;
  config: TelemetryConfig;
  sizing: Sizing;
  /** Variant-specific sizing (MSK brokers, Dataflow workers …), when the variant derives any. */
  variantSizing?: Record<string, unknown>;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
}

/** Plans the stack's own config plus `--set` overrides. Throws ConfigError on bad config. */
export function planStack(stack: string, sets: string[] = []): Promise<StackPlan> {
  const { flat } = loadStackConfig(stack, sets);
  return planConfig(parseTelemetryConfig(decodeTelemetryConfig(flat)), stack);
}

/** Plans an already-parsed config (tests build configs directly). */
export async function planConfig(config: TelemetryConfig, stack: string): Promise<StackPlan> {
  const builder = builderFor(config);
  const { resources, result } = await runUnderMocks(
    async () => {
      const pipeline = new TelemetryPipeline("telemetry", { config, stack });
      const outputs: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(pipeline.outputs)) outputs[key] = await resolveDeep(value);
      return { sizing: pipeline.sizing, outputs };
    },
    { stack },
  );
  return {
    stack,
    config,
    sizing: result.sizing,
    variantSizing: builder.sizing?.(config),
    resources,
    outputs: result.outputs,
  };
}

async function resolveDeep(value: unknown): Promise<unknown> {
  if (value === null || typeof value !== "object") return value;
  if ("apply" in (value as object)) return resolveOutput(value as never);
  const entries = await Promise.all(Object.entries(value as Record<string, unknown>).map(async ([k, v]) => [k, await resolveDeep(v)] as const));
  return Object.fromEntries(entries);
}
