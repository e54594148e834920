/** Reading resource inputs safely: nested paths, unknown values, JSON documents. */
import { UNKNOWN } from "./types";

export function isUnknown(value: unknown): value is typeof UNKNOWN {
  return value === UNKNOWN;
}

/** The value at a dotted path (`encryptionInfo.encryptionInTransit.clientBroker`); arrays of one block are entered. */
export function at(inputs: Record<string, any>, path: string): unknown {
  let current: unknown = inputs;
  for (const key of path.split(".")) {
    if (isUnknown(current)) return UNKNOWN;
    // Terraform-bridged blocks with MaxItems=1 may arrive as a one-element list.
    if (Array.isArray(current)) current = current.length === 1 ? current[0] : undefined;
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** True when any value inside is unknown (a policy document built from outputs during preview). */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** A non-empty string (not unknown). */
export function isSetString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

/** A JSON document input (IAM policy, bucket policy) as an object; undefined if absent or unknown. */
export function jsonDocument(value: unknown): Record<string, any> | undefined {
  if (value === undefined || value === null || isUnknown(value) || containsUnknown(value)) return undefined;
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as Record<string, any>;
    } catch {
      return { unparseable: value };
    }
  }
  return typeof value === "object" ? (value as Record<string, any>) : undefined;
}

/** `x` or `[x, y]` → array (IAM's Action / Resource / Principal shapes). */
export function asList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
