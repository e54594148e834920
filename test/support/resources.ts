/** Small queries over a mocked plan's resources, shared by the graph tests. */
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";

export function ofType(resources: PlannedResource[], type: string): PlannedResource[] {
  return resources.filter((r) => r.type === type);
}

/** Exactly one resource of `type` whose logical name ends with `nameSuffix` (if given); throws otherwise. */
export function one(resources: PlannedResource[], type: string, nameSuffix?: string): PlannedResource {
  const matches = ofType(resources, type).filter((r) => nameSuffix === undefined || r.name.endsWith(nameSuffix));
  if (matches.length !== 1) {
    const names = ofType(resources, type).map((r) => r.name).join(", ");
    throw new Error(`expected exactly one ${type}${nameSuffix ? ` named *${nameSuffix}` : ""}, found ${matches.length} (have: ${names || "none"})`);
  }
  return matches[0];
}

/** Children (direct) of a resource. */
export function childrenOf(resources: PlannedResource[], parent: PlannedResource): PlannedResource[] {
  return resources.filter((r) => r.parent === parent.urn);
}

/** Parsed JSON policy document of an IAM resource input (role policy, bucket policy, key policy …). */
export function policyDocument(resource: PlannedResource, key = "policy"): { Statement: Array<Record<string, any>> } {
  const raw = resource.inputs[key];
  return typeof raw === "string" ? JSON.parse(raw) : raw;
}
