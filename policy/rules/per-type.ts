/**
 * Builds a resource rule from a table of per-type requirements, so each rule module is mostly a
 * readable list of "for type T, input P must satisfy Q, because …".
 */
import type { CheckedResource, PolicyContext, ResourceRule } from "./types";
import { at, containsUnknown } from "./values";

/** One input requirement: the value at `path` must pass `test`; skipped while the value is unknown. */
export interface Requirement {
  path: string;
  test(value: unknown): boolean;
  message: string;
  /** Only applies when this holds (e.g. "when the stack configures CMEK"). */
  when?(resource: CheckedResource, context: PolicyContext): boolean;
}

/** Either declarative requirements or a function returning violation messages. */
export type TypeCheck = Requirement[] | ((resource: CheckedResource, context: PolicyContext) => string[]);

export function perTypeRule(info: Omit<ResourceRule, "kind" | "check">, checks: Record<string, TypeCheck>): ResourceRule & { checks: Record<string, TypeCheck> } {
  return {
    ...info,
    kind: "resource",
    checks,
    check(resource, context) {
      const check = checks[resource.type];
      if (!check) return [];
      if (typeof check === "function") return check(resource, context);
      return check
        .filter((requirement) => !requirement.when || requirement.when(resource, context))
        .filter((requirement) => {
          const value = at(resource.inputs, requirement.path);
          return !containsUnknown(value) && !requirement.test(value);
        })
        .map((requirement) => requirement.message);
    },
  };
}

export const isTrue = (value: unknown) => value === true;
export const isNonEmpty = (value: unknown) => typeof value === "string" && value.length > 0;
export const equals = (expected: string) => (value: unknown) => value === expected;
