/**
 * The monthly cost estimate of a planned stack: each resource priced by its type's estimator, grouped
 * by the pipeline component it belongs to, with the cost per million events and every assumption.
 */
import type { TelemetryConfig } from "../../components/config";
import type { Sizing } from "../../components/sizing";
import type { PlannedResource } from "../plan/run-under-mocks";
import { AWS_ESTIMATORS } from "./cost-aws";
import { createContext, type Estimator } from "./cost-context";
import { GCP_ESTIMATORS } from "./cost-gcp";
import type { PriceBook } from "./price-book";
import { trafficFor } from "./traffic";
import { unbilledReason } from "./unbilled-types";

export const ESTIMATORS: Readonly<Record<string, Estimator>> = { ...AWS_ESTIMATORS, ...GCP_ESTIMATORS };

export interface CostInputs {
  stack: string;
  config: TelemetryConfig;
  sizing: Sizing;
  variantSizing?: Record<string, unknown>;
  resources: PlannedResource[];
}

export interface CostLine {
  resource: string;
  type: string;
  item: string;
  quantity: number;
  unit: string;
  unitUsd: number;
  monthlyUsd: number;
  priceKey: string;
}

export interface ComponentCost {
  component: string;
  type: string;
  monthlyUsd: number;
  lines: CostLine[];
}

export interface CostEstimate {
  stack: string;
  variant: string;
  tier: string;
  eventsPerMonth: number;
  components: ComponentCost[];
  totalMonthlyUsd: number;
  costPerMillionEventsUsd: number;
  assumptions: string[];
  /** Resources with a cost this estimate could not price (no model, or no price for their size/type). */
  notPriced: Array<{ type: string; name: string; reason: string }>;
  /** Where the unit prices used came from. */
  priceSources: Array<{ priceKey: string; source: string; asOf: string }>;
}

const PIPELINE_TYPE = "telemetry:index:Pipeline";

/** The top-level component (direct child of the pipeline) each resource belongs to. */
function componentOf(resource: PlannedResource, byUrn: Map<string, PlannedResource>): PlannedResource | undefined {
  let current: PlannedResource | undefined = resource;
  while (current) {
    const parent: PlannedResource | undefined = current.parent ? byUrn.get(current.parent) : undefined;
    if (!parent || parent.type === PIPELINE_TYPE) return current === resource && current.custom ? undefined : current;
    current = parent;
  }
  return undefined;
}

export function estimateCost(inputs: CostInputs, prices: PriceBook): CostEstimate {
  const traffic = trafficFor(inputs.config);
  const assumptions = new Set<string>([
    `load: ${inputs.config.load.averageEventsPerSecond} events/s on average × ${inputs.config.load.averageEventBytes} B, ${inputs.config.load.eventsPerRequest} events per request, for 730 h a month`,
    `dead letters: ${traffic.deadLetterFraction * 100}% of events (the alert threshold) at twice the event size`,
    "on-demand list prices, first pricing tier, no free tier; data transfer and log volume not included",
  ]);
  const context = createContext({ resources: inputs.resources, config: inputs.config, sizing: inputs.sizing, variantSizing: inputs.variantSizing, traffic }, assumptions);
  const byUrn = new Map(inputs.resources.map((r) => [r.urn, r]));
  const components = new Map<string, ComponentCost>();
  const notPriced: CostEstimate["notPriced"] = [];
  const used = new Map<string, { source: string; asOf: string }>();

  for (const resource of inputs.resources.filter((r) => r.custom)) {
    const estimator = ESTIMATORS[resource.type];
    if (!estimator) {
      if (!unbilledReason(resource.type)) notPriced.push({ type: resource.type, name: resource.name, reason: "no cost model for this type" });
      continue;
    }
    const component = componentOf(resource, byUrn);
    const key = component?.urn ?? "(pipeline)";
    const group = components.get(key) ?? { component: component?.name ?? "(pipeline)", type: component?.type ?? PIPELINE_TYPE, monthlyUsd: 0, lines: [] };
    components.set(key, group);
    for (const usage of estimator(resource, context)) {
      const price = prices.find(usage.priceKey);
      if (!price) {
        notPriced.push({ type: resource.type, name: resource.name, reason: `no unit price ${usage.priceKey} in prices/ (${usage.item})` });
        continue;
      }
      used.set(usage.priceKey, { source: price.source, asOf: price.asOf });
      const monthlyUsd = usage.quantity * price.usd;
      group.lines.push({ resource: resource.name, type: resource.type, item: usage.item, quantity: usage.quantity, unit: price.unit, unitUsd: price.usd, monthlyUsd, priceKey: usage.priceKey });
      group.monthlyUsd += monthlyUsd;
    }
  }

  const grouped = [...components.values()].filter((c) => c.lines.length > 0).sort((a, b) => b.monthlyUsd - a.monthlyUsd);
  const totalMonthlyUsd = grouped.reduce((sum, c) => sum + c.monthlyUsd, 0);
  return {
    stack: inputs.stack,
    variant: inputs.config.variant,
    tier: inputs.config.tier,
    eventsPerMonth: traffic.eventsPerMonth,
    components: grouped,
    totalMonthlyUsd,
    costPerMillionEventsUsd: traffic.eventsPerMonth > 0 ? (totalMonthlyUsd / traffic.eventsPerMonth) * 1e6 : 0,
    assumptions: [...assumptions],
    notPriced,
    priceSources: [...used].map(([priceKey, v]) => ({ priceKey, ...v })).sort((a, b) => a.priceKey.localeCompare(b.priceKey)),
  };
}
