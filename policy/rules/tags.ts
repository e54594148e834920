/**
 * Required tags and labels: every AWS resource that accepts `tags` carries project, stack and
 * managed-by (stack = this stack); every GCP resource that accepts resource `labels` carries the same
 * keys as labels. The taggable types are generated from the provider declarations
 * (`policy/generate-taggable-types.ts`).
 */
import { AWS_TAGGED_TYPES, GCP_LABELLED_TYPES } from "../taggable-types.generated";
import type { ResourceRule } from "./types";
import { asList, containsUnknown } from "./values";

export const REQUIRED_TAG_KEYS = ["project", "stack", "managed-by"] as const;

/** Tags as a key → value map (most resources) or from an Auto Scaling style `[{key, value}]` list. */
function tagMap(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return Object.fromEntries(asList(value as Array<{ key?: string; value?: unknown }>).map((t) => [t.key, t.value]));
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

export const requiredTags: ResourceRule = {
  kind: "resource",
  name: "required-tags",
  description: "Taggable AWS resources carry tags project, stack, managed-by; labelled GCP resources carry the same labels.",
  severity: "low",
  check(resource, context) {
    const key = AWS_TAGGED_TYPES.has(resource.type) ? "tags" : GCP_LABELLED_TYPES.has(resource.type) ? "labels" : undefined;
    if (!key) return [];
    const value = resource.inputs[key];
    if (containsUnknown(value)) return [];
    const tags = tagMap(value);
    const problems: string[] = [];
    const missing = REQUIRED_TAG_KEYS.filter((k) => typeof tags[k] !== "string" || tags[k] === "");
    if (missing.length > 0) problems.push(`missing ${key} ${missing.join(", ")}`);
    if (typeof tags.stack === "string" && tags.stack !== "" && tags.stack !== labelValue(context.stack, key)) {
      problems.push(`${key}.stack is "${tags.stack}" but the stack is "${context.stack}"`);
    }
    return problems;
  },
};

/** GCP label values are lower-case [a-z0-9_-] (components/tags.ts gcpLabels); tags keep the stack name as is. */
function labelValue(stack: string, key: string): string {
  return key === "labels" ? stack.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, 63) : stack;
}
