/**
 * Memoised offline plans shared by every graph test: each (stack, --set …) combination is planned
 * once per mocha process, which keeps the suite to seconds per variant instead of per test.
 */
import type { TelemetryConfig } from "../../components/config";
import { parseTelemetryConfig } from "../../components/config";
import { TelemetryPipeline } from "../../components/pipeline";
import { decodeTelemetryConfig } from "../../components/read-config";
import { runUnderMocks, type PlannedResource } from "../../scripts/plan/run-under-mocks";
import { planConfig, planStack, type StackPlan } from "../../scripts/plan/plan-stack";
import { loadStackConfig } from "../../scripts/plan/stack-config";

const plans = new Map<string, Promise<StackPlan>>();

export function stackPlan(stack: string, sets: string[] = []): Promise<StackPlan> {
  const key = JSON.stringify([stack, sets]);
  let plan = plans.get(key);
  if (!plan) {
    plan = planStack(stack, sets);
    plans.set(key, plan);
  }
  return plan;
}

/** Plans a config built in the test (raw `telemetry` values; defaults filled by the schema). */
export function configPlan(raw: Record<string, unknown>, stack = "test"): Promise<StackPlan> {
  const key = JSON.stringify(["config", stack, raw]);
  let plan = plans.get(key);
  if (!plan) {
    const config: TelemetryConfig = parseTelemetryConfig(raw);
    plan = planConfig(config, stack);
    plans.set(key, plan);
  }
  return plan;
}

/**
 * The stack's plan with the light tier: the stack as configured when it is light, otherwise the
 * same stack with `--set telemetry:tier=light` (prod selects heavy; the light-tier tests still
 * cover prod's sizing). The memo is shared with `stackPlan`.
 */
export function lightTierPlan(stack: string): Promise<StackPlan> {
  const { flat } = loadStackConfig(stack);
  return stackPlan(stack, decodeTelemetryConfig(flat).tier === "heavy" ? ["telemetry:tier=light"] : []);
}

/**
 * Constructs the pipeline for a config that must be refused: returns what it threw and every
 * resource registered before the refusal (a refusal should come before any child resource).
 */
export async function refusedPipeline(config: TelemetryConfig): Promise<{ caught: unknown; resources: PlannedResource[] }> {
  let caught: unknown;
  const { resources } = await runUnderMocks(() => {
    try {
      new TelemetryPipeline("telemetry", { config, stack: "test" });
    } catch (error) {
      caught = error;
    }
  });
  return { caught, resources };
}
