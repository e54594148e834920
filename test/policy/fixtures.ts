/** Hand-made resources for rule tests: a CheckedResource with the ids/ARNs the mocks would give it. */
import { checkedFromPlan } from "../../policy/planned-resources";
import type { CheckedResource, PolicyContext } from "../../policy/rules/types";

export const DEV: PolicyContext = { stack: "dev", protectData: false, gcpCmek: false };
export const PROD: PolicyContext = { stack: "prod", protectData: true, gcpCmek: false };

export const TAGS = { project: "game-telemetry", stack: "dev", "managed-by": "pulumi" };

export function resource(type: string, name: string, inputs: Record<string, any>, options: { protect?: boolean; retainOnDelete?: boolean } = {}): CheckedResource {
  return checkedFromPlan({
    type,
    name,
    urn: `urn:pulumi:dev::game-telemetry::${type}::${name}`,
    inputs,
    custom: true,
    protect: options.protect ?? false,
    retainOnDelete: options.retainOnDelete ?? false,
    dependsOn: [],
  });
}
