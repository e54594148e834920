/** Text rendering of a CostEstimate for `npm run cost`. */
import type { CostEstimate, CostLine } from "./cost-estimate";

const usd = (value: number) => `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const unitPrice = (value: number) => `$${value.toLocaleString("en-US", { maximumSignificantDigits: 6 })}`;
/** The unit without its parenthesised detail (the JSON output keeps the full text). */
const shortUnit = (unit: string) => unit.replace(/\s*\(.*\)$/, "");
const quantity = (value: number) => (value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toLocaleString("en-US", { maximumSignificantDigits: 4 }));

/** Identical lines (16 alarms, two same-sized streams) print as one: "16 × MetricAlarm: alarm". */
function mergeRepeated(lines: CostLine[]): CostLine[] {
  const merged = new Map<string, CostLine & { count: number }>();
  for (const line of lines) {
    const key = `${line.type}|${line.item}|${line.priceKey}|${line.quantity}`;
    const existing = merged.get(key);
    if (existing) {
      existing.count += 1;
      existing.quantity += line.quantity;
      existing.monthlyUsd += line.monthlyUsd;
      existing.resource = `${existing.count} × ${line.type.split(":").pop()}`;
    } else merged.set(key, { ...line, count: 1 });
  }
  return [...merged.values()];
}

export function formatCost(estimate: CostEstimate): string {
  const lines: string[] = [];
  lines.push(`Monthly cost estimate: stack ${estimate.stack} (${estimate.variant}/${estimate.tier}), on-demand list prices`);
  lines.push(`${(estimate.eventsPerMonth / 1e9).toLocaleString("en-US", { maximumFractionDigits: 2 })} billion events/month`);
  lines.push("");
  for (const component of estimate.components) {
    lines.push(`${component.component} (${component.type})`.padEnd(88) + usd(component.monthlyUsd).padStart(14));
    for (const line of mergeRepeated(component.lines)) {
      lines.push(`    ${line.resource}: ${line.item} — ${quantity(line.quantity)} × ${unitPrice(line.unitUsd)} per ${shortUnit(line.unit)}`.padEnd(88) + usd(line.monthlyUsd).padStart(14));
    }
  }
  lines.push("");
  lines.push("Total per month".padEnd(88) + usd(estimate.totalMonthlyUsd).padStart(14));
  lines.push("Cost per million events".padEnd(88) + usd(estimate.costPerMillionEventsUsd).padStart(14));
  lines.push("");
  lines.push("Assumptions:");
  for (const assumption of estimate.assumptions) lines.push(`  - ${assumption}`);
  if (estimate.notPriced.length > 0) {
    lines.push("");
    lines.push("Not priced (cost exists but is not in this estimate):");
    for (const item of estimate.notPriced) lines.push(`  - ${item.type} ${item.name}: ${item.reason}`);
  }
  lines.push("");
  const dates = [...new Set(estimate.priceSources.map((s) => s.asOf))].join(", ");
  lines.push(`Unit prices: prices/*.json (as of ${dates || "n/a"}); each price names its source page.`);
  return lines.join("\n");
}
