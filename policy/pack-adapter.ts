/**
 * Adapter from the rules to @pulumi/policy: each rule becomes a ResourceValidationPolicy or a
 * StackValidationPolicy. Values Pulumi cannot know during preview become `UNKNOWN`, which the rules
 * skip, instead of aborting the whole policy.
 */
import {
  UnknownValueError,
  type EnforcementLevel,
  type PolicyResource,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { UNKNOWN, type CheckedResource, type PolicyContext, type Rule } from "./rules/types";

/** A plain copy of the pack's unknown-checking proxy, with unknown values replaced by `UNKNOWN`. */
export function plainProps(value: unknown): any {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(readProperty(value, i));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = readProperty(value as Record<string, unknown>, key);
  return out;
}

function readProperty(container: any, key: string | number): unknown {
  try {
    return plainProps(container[key]);
  } catch (error) {
    if (error instanceof UnknownValueError) return UNKNOWN;
    throw error;
  }
}

const IDENTITY_KEYS = ["id", "arn", "name", "bucket", "keyId"];

function checkedResource(args: {
  type: string;
  name: string;
  urn: string;
  props: Record<string, any>;
  opts: { protect: boolean; parent?: string };
  propertyDependencies?: Record<string, PolicyResource[]>;
}): CheckedResource {
  const inputs = plainProps(args.props) as Record<string, any>;
  return {
    type: args.type,
    name: args.name,
    urn: args.urn,
    parent: args.opts.parent,
    inputs,
    protect: args.opts.protect,
    // The analyzer protocol does not carry retainOnDelete; `protect` is what the pack can see.
    retainOnDelete: false,
    identities: IDENTITY_KEYS.map((key) => inputs[key]).filter((v): v is string => typeof v === "string" && v.length > 0),
    dependencies: Object.fromEntries(Object.entries(args.propertyDependencies ?? {}).map(([key, deps]) => [key, deps.map((d) => d.urn)])),
  };
}

export function toPackPolicies(
  rules: readonly Rule[],
  contextFor: (urn: string) => PolicyContext,
  enforcementLevel: EnforcementLevel = "mandatory",
): Array<ResourceValidationPolicy | StackValidationPolicy> {
  return rules.map((rule) => {
    const info = { name: rule.name, description: rule.description, severity: rule.severity, enforcementLevel };
    if (rule.kind === "resource") {
      const policy: ResourceValidationPolicy = {
        ...info,
        validateResource: (args, report) => {
          const resource = checkedResource(args);
          for (const message of rule.check(resource, contextFor(args.urn))) report(message);
        },
      };
      return policy;
    }
    const policy: StackValidationPolicy = {
      ...info,
      validateStack: (args, report) => {
        if (args.resources.length === 0) return;
        const resources = args.resources.map(checkedResource);
        const context = contextFor(args.resources[0].urn);
        for (const { resource, message } of rule.check(resources, context)) report(message, resource.urn);
      },
    };
    return policy;
  });
}
