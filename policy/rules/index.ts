/** Every guardrail rule, in the order the policy pack lists them. Import this (not policy/index.ts) in tests. */
import { protectStatefulStores } from "./data-protection";
import { encryptionAtRest, s3Encryption } from "./encryption";
import { noPublicGcpMembers } from "./gcp-members";
import { iamNoWildcards } from "./iam";
import { lambdaLogGroups, logRetention } from "./logging";
import { noOpenIngress, noPublicStorage, s3PublicAccessBlock } from "./public-access";
import { noPublicResourcePolicy } from "./resource-policies";
import { requiredTags } from "./tags";
import { s3TlsOnly, tlsInTransit } from "./transport";
import type { CheckedResource, PolicyContext, Rule, Violation } from "./types";

export const RULES: readonly Rule[] = [
  encryptionAtRest,
  s3Encryption,
  tlsInTransit,
  s3TlsOnly,
  noPublicStorage,
  s3PublicAccessBlock,
  noOpenIngress,
  noPublicResourcePolicy,
  noPublicGcpMembers,
  iamNoWildcards,
  logRetention,
  lambdaLogGroups,
  protectStatefulStores,
  requiredTags,
];

/** Runs `rules` over a stack's resources; components (custom = false) are judged only by stack rules' lookups. */
export function evaluateRules(resources: CheckedResource[], context: PolicyContext, rules: readonly Rule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  const record = (rule: Rule, resource: CheckedResource, message: string) =>
    violations.push({ rule: rule.name, urn: resource.urn, type: resource.type, name: resource.name, message });
  for (const rule of rules) {
    if (rule.kind === "resource") {
      for (const resource of resources) for (const message of rule.check(resource, context)) record(rule, resource, message);
    } else {
      for (const { resource, message } of rule.check(resources, context)) record(rule, resource, message);
    }
  }
  return violations;
}

export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `  [${v.rule}] ${v.type} ${v.name}: ${v.message}`).join("\n");
}
