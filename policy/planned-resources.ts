/**
 * Adapter from the mock harness (`npm run plan`, tests) to the rules: PlannedResource → CheckedResource,
 * and the stack's PolicyContext from its parsed config.
 */
import type { TelemetryConfig } from "../components/config";
import { mockResourceState } from "../scripts/plan/mock-state";
import type { PlannedResource } from "../scripts/plan/run-under-mocks";
import type { CheckedResource, PolicyContext } from "./rules/types";

/** State attributes other resources use to point at a resource. */
const IDENTITY_KEYS = ["arn", "name", "bucket", "keyId", "id", "email"];

export function checkedFromPlan(resource: PlannedResource): CheckedResource {
  // The harness records inputs; ids and ARNs come from the same mock state the run returned.
  const { id, state } = mockResourceState(resource.type, resource.name, resource.inputs);
  const identities = [id, ...IDENTITY_KEYS.map((key) => state[key])].filter((v): v is string => typeof v === "string" && v.length > 0);
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    parent: resource.parent,
    inputs: resource.inputs,
    protect: resource.protect,
    retainOnDelete: resource.retainOnDelete,
    identities: resource.custom ? [...new Set(identities)] : [],
    dependencies: {},
  };
}

export function contextFromConfig(stack: string, config: Pick<TelemetryConfig, "protectData" | "gcp">): PolicyContext {
  return { stack, protectData: config.protectData, gcpCmek: config.gcp.cmek };
}
