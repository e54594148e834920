/** `npm run cost -- <stack> [--set key=value]... [--json]`: monthly cost estimate from the offline plan. */
import { planStack } from "./plan/plan-stack";
import { runStackCommand } from "./plan/stack-command";
import { estimateCost } from "./review/cost-estimate";
import { formatCost } from "./review/format-cost";
import { loadPriceBook } from "./review/price-book";

runStackCommand("npm run cost -- <stack> [--set namespace:key=value]... [--json]", [], async ({ stack, sets, json }) => {
  const plan = await planStack(stack, sets);
  const estimate = estimateCost(plan, loadPriceBook());
  return json ? JSON.stringify(estimate, null, 2) : formatCost(estimate);
});
