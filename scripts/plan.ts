/** `npm run plan -- <stack> [--set key=value]... [--json] [--diff base.json]`: the offline preview. */
import { formatPlan, planJson } from "./plan/format-plan";
import { planStack } from "./plan/plan-stack";
import { runStackCommand } from "./plan/stack-command";

runStackCommand("npm run plan -- <stack> [--set namespace:key=value]... [--json]", [], async ({ stack, sets, json }) => {
  const plan = await planStack(stack, sets);
  return json ? JSON.stringify(planJson(plan)) : formatPlan(plan);
});
