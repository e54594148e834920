/** The DOT of a planned stack (what `npm run diagram` renders and the staleness test compares). */
import type { StackPlan } from "../plan/plan-stack";
import { architectureDot } from "./architecture-dot";
import { buildArchitectureGraph } from "./architecture-graph";

export function stackDiagramDot(plan: Pick<StackPlan, "stack" | "config" | "resources">): string {
  const title = `${plan.stack}: ${plan.config.variant} / ${plan.config.tier}`;
  return architectureDot(buildArchitectureGraph(plan.resources, title));
}
