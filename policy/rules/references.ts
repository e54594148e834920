/** How one resource refers to another: by property dependency (policy pack) or by value (id / ARN / name). */
import type { CheckedResource } from "./types";
import { isUnknown } from "./values";

/**
 * True when `resource`'s input `key` refers to `target`: Pulumi recorded a dependency on it, or the
 * value equals one of the target's identities (id, ARN, name) or is an ARN under it (`arn…/*`).
 */
export function refersTo(resource: CheckedResource, key: string, target: CheckedResource): boolean {
  if ((resource.dependencies[key] ?? []).includes(target.urn)) return true;
  const value = resource.inputs[key];
  if (typeof value !== "string" || isUnknown(value)) return false;
  return target.identities.some((identity) => value === identity || value.startsWith(`${identity}/`));
}

/** The resources of `types` that `resource`'s input `key` refers to. */
export function referencedBy(resource: CheckedResource, key: string, candidates: CheckedResource[]): CheckedResource[] {
  return candidates.filter((candidate) => refersTo(resource, key, candidate));
}
