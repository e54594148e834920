/**
 * What every guardrail rule works on. Rules are plain functions over `CheckedResource` records so the
 * same code runs in-process over the mock harness's plans (tests, `npm test`) and inside the Pulumi
 * policy pack (`pulumi preview --policy-pack policy`); the two adapters only build these records.
 */

/** A value Pulumi cannot know yet (an output during preview). Rules skip what they cannot see. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");

export interface CheckedResource {
  /** Pulumi type token, e.g. `aws:kinesis/stream:Stream`. */
  type: string;
  /** Logical name. */
  name: string;
  urn: string;
  parent?: string;
  /** Resource inputs; a value may be `UNKNOWN` inside the policy pack during preview. */
  inputs: Record<string, any>;
  protect: boolean;
  retainOnDelete: boolean;
  /** Values other resources use to refer to this one: id, ARN, physical name (when known). */
  identities: string[];
  /** URNs each input property depends on (Pulumi's property dependencies), when known. */
  dependencies: Record<string, string[]>;
}

/** Stack-level facts a rule may depend on. */
export interface PolicyContext {
  stack: string;
  /** `telemetry:protectData`: stateful stores must be protected from deletion. */
  protectData: boolean;
  /** `telemetry:gcp.cmek`: GCP stores must name a customer-managed key. */
  gcpCmek: boolean;
}

export interface Violation {
  rule: string;
  urn: string;
  type: string;
  name: string;
  message: string;
}

interface RuleInfo {
  /** Policy name in the pack (kebab-case, unique). */
  name: string;
  description: string;
  severity: "low" | "medium" | "high" | "critical";
}

/** Judges one resource at a time. */
export interface ResourceRule extends RuleInfo {
  kind: "resource";
  /** The messages describing what is wrong with `resource` (empty when it complies or does not apply). */
  check(resource: CheckedResource, context: PolicyContext): string[];
}

/** Judges resources together (e.g. "every bucket has a public access block"). */
export interface StackRule extends RuleInfo {
  kind: "stack";
  check(resources: CheckedResource[], context: PolicyContext): Array<{ resource: CheckedResource; message: string }>;
}

export type Rule = ResourceRule | StackRule;
