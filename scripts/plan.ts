/** `npm run plan -- <stack> [--set key=value]... [--json] [--diff base.json]`: the offline preview. */
import { existsSync, readFileSync } from "node:fs";
import { formatPlan, planJson } from "./plan/format-plan";
import { planStack } from "./plan/plan-stack";
import { runStackCommand, UsageError } from "./plan/stack-command";
import { diffPlans, formatPlanDiff, parsePlanDocument, type PlanDocument } from "./review/plan-diff";

/** The base plan for `--diff`: a file from `npm run plan -- <stack> --json` on the base branch. */
function readBasePlan(path: string): PlanDocument {
  if (!existsSync(path)) throw new UsageError(`--diff ${path}: no such file (create it on the base branch with npm run plan -- <stack> --json > ${path})`);
  try {
    return parsePlanDocument(readFileSync(path, "utf8"), `--diff ${path}`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

runStackCommand("npm run plan -- <stack> [--set namespace:key=value]... [--json] [--diff base.json]", ["diff"], async ({ stack, sets, json, options }) => {
  const base = options.diff === undefined ? undefined : readBasePlan(options.diff);
  const plan = await planStack(stack, sets);
  if (base) {
    // Round-trip through JSON so both sides compare exactly what `--json` would have printed.
    const diff = diffPlans(base, JSON.parse(JSON.stringify(planJson(plan))) as PlanDocument);
    return json ? JSON.stringify(diff) : formatPlanDiff(diff);
  }
  return json ? JSON.stringify(planJson(plan)) : formatPlan(plan);
});
