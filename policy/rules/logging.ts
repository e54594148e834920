/**
 * Log retention: every CloudWatch log group expires its events, and every Lambda function logs into a
 * log group the program manages (otherwise Lambda creates `/aws/lambda/<name>` itself, kept forever).
 * Log-group encryption with a KMS key is optional and not checked.
 */
import type { CheckedResource, ResourceRule, StackRule } from "./types";
import { at, containsUnknown, isUnknown } from "./values";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const LAMBDA = "aws:lambda/function:Function";

export const logRetention: ResourceRule = {
  kind: "resource",
  name: "log-retention",
  description: "Every CloudWatch log group sets retentionInDays (events expire).",
  severity: "medium",
  check(resource) {
    if (resource.type !== LOG_GROUP) return [];
    const days = resource.inputs.retentionInDays;
    if (isUnknown(days)) return [];
    return typeof days === "number" && days > 0 ? [] : ["log group must set retentionInDays (0 or unset keeps logs forever)"];
  },
};

/** The log group a function writes to: `loggingConfig.logGroup`, else `/aws/lambda/<function name>`. */
function logGroupOf(fn: CheckedResource, groups: CheckedResource[]): CheckedResource | undefined | "unknown" {
  const configured = at(fn.inputs, "loggingConfig.logGroup");
  const functionName = fn.inputs.name;
  if (containsUnknown(configured) || (configured === undefined && isUnknown(functionName))) return "unknown";
  const dependsOnGroup = groups.find((g) => (fn.dependencies["loggingConfig"] ?? []).includes(g.urn));
  if (dependsOnGroup) return dependsOnGroup;
  // An auto-named function gets a random suffix, so only an explicit name predicts its default group.
  if (configured === undefined && typeof functionName !== "string") return undefined;
  const expected = typeof configured === "string" ? configured : `/aws/lambda/${functionName}`;
  return groups.find((g) => g.inputs.name === expected || g.identities.includes(expected));
}

export const lambdaLogGroups: StackRule = {
  kind: "stack",
  name: "lambda-log-group",
  description: "Every Lambda function logs into a log group the program manages (so its retention applies).",
  severity: "medium",
  check(resources) {
    const groups = resources.filter((r) => r.type === LOG_GROUP);
    return resources
      .filter((r) => r.type === LAMBDA)
      .flatMap((fn) => {
        const group = logGroupOf(fn, groups);
        if (group === "unknown" || group !== undefined) return [];
        return [{ resource: fn, message: `Lambda function ${fn.name} has no managed log group (create /aws/lambda/<name> with retention, or set loggingConfig.logGroup)` }];
      });
  },
};
