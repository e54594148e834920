/** What a per-type cost estimator sees: the plan, the traffic, lookups across resources, and a place to state assumptions. */
import type { TelemetryConfig } from "../../components/config";
import type { Sizing } from "../../components/sizing";
import { checkedFromPlan } from "../../policy/planned-resources";
import type { PlannedResource } from "../plan/run-under-mocks";
import { mentions } from "./mentions";
import { channelFlow, channelOf, type Traffic } from "./traffic";

/** One priced quantity: `quantity` units of the price at `priceKey` (`aws/…` or `gcp/…`). */
export interface Usage {
  item: string;
  quantity: number;
  priceKey: string;
}

export interface EstimatorContext {
  resources: PlannedResource[];
  config: TelemetryConfig;
  sizing: Sizing;
  variantSizing?: Record<string, unknown>;
  traffic: Traffic;
  /** Id, ARN and names other resources use for `resource` (from the mock state). */
  identities(resource: PlannedResource): string[];
  /** Resources of `type` whose input at dotted `path` names `target` (as a whole token, e.g. inside an ARN). */
  referencing(type: string, path: string, target: PlannedResource): PlannedResource[];
  /** Records a stated assumption (printed once). */
  assume(text: string): void;
  /** Monthly records and record size of the stream/topic called `name`. */
  flowOf(name: string): { records: number; recordBytes: number };
}

export type Estimator = (resource: PlannedResource, context: EstimatorContext) => Usage[];

export function valueAt(inputs: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((current, key) => {
    const value = Array.isArray(current) && current.length === 1 ? current[0] : current;
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }, inputs);
}

export function createContext(
  base: Pick<EstimatorContext, "resources" | "config" | "sizing" | "variantSizing" | "traffic">,
  assumptions: Set<string>,
): EstimatorContext {
  const identityCache = new Map<string, string[]>();
  const identities = (resource: PlannedResource) => {
    let ids = identityCache.get(resource.urn);
    if (!ids) {
      ids = checkedFromPlan(resource).identities;
      identityCache.set(resource.urn, ids);
    }
    return ids;
  };
  const context: EstimatorContext = {
    ...base,
    identities,
    referencing(type, path, target) {
      const ids = identities(target).filter((id) => id.length > 3);
      return base.resources.filter((r) => {
        if (r.type !== type) return false;
        const value = valueAt(r.inputs, path);
        const text = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
        return ids.some((id) => mentions(text, id));
      });
    },
    assume(text) {
      assumptions.add(text);
    },
    flowOf(name) {
      const channel = channelOf(name);
      if (!channel) {
        context.assume(`"${name}" is not named for a channel (raw/clean/deduped/dead-letter): priced as carrying every event`);
        return channelFlow(base.traffic, "raw");
      }
      return channelFlow(base.traffic, channel);
    },
  };
  return context;
}
