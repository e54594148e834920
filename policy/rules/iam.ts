/**
 * Least-privilege IAM: identity policies never allow `*` or `service:*` actions, never use
 * NotAction / NotResource in an Allow, and name `Resource: "*"` only for actions on the program's
 * documented allow-list (`components/aws/iam/wildcard-allow-list.ts`: actions AWS offers no
 * resource-level permission for, some only with a narrowing condition key). Broad AWS-managed policies may
 * not be attached.
 */
import { WILDCARD_ALLOWED_ACTIONS } from "../../components/aws/iam/wildcard-allow-list";
import type { CheckedResource, ResourceRule } from "./types";
import { asList, containsUnknown, jsonDocument } from "./values";

/** An action allowed on `Resource: "*"`: on the program's documented allow-list, with its required condition key if any. */
function allowedOnAnyResource(action: string, statement: Record<string, any>): boolean {
  const allowance = WILDCARD_ALLOWED_ACTIONS.find((entry) => entry.action.toLowerCase() === action.toLowerCase());
  if (!allowance) return false;
  if (!allowance.requiredCondition) return true;
  const conditions = Object.values((statement.Condition ?? {}) as Record<string, Record<string, unknown>>);
  return conditions.some((block) => block !== null && typeof block === "object" && allowance.requiredCondition! in block);
}

/** AWS-managed policies that grant far more than any pipeline role needs. */
export const FORBIDDEN_MANAGED_POLICIES: ReadonlySet<string> = new Set(
  ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess", "AmazonS3FullAccess", "AmazonKinesisFullAccess", "AmazonDynamoDBFullAccess"].map(
    (name) => `arn:aws:iam::aws:policy/${name}`,
  ),
);

const POLICY_DOCUMENT_TYPES = new Set(["aws:iam/rolePolicy:RolePolicy", "aws:iam/policy:Policy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"]);
const ATTACHMENT_TYPES = new Set([
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
]);

export const isWildcardAction = (action: string) => action === "*" || /^[\w-]+:\*$/.test(action);

/** Violations in one policy document (`where` says which document, for the message). */
export function documentViolations(document: Record<string, any>, where: string): string[] {
  if ("unparseable" in document) return [`${where} is not valid JSON`];
  const problems: string[] = [];
  asList(document.Statement as Array<Record<string, any>>).forEach((statement, index) => {
    if (statement.Effect === "Deny") return;
    const label = `${where} statement ${statement.Sid ? `"${statement.Sid}"` : index}`;
    if (statement.NotAction !== undefined) problems.push(`${label} allows NotAction (everything but a list)`);
    if (statement.NotResource !== undefined) problems.push(`${label} allows NotResource (everything but a list)`);
    const actions = asList(statement.Action as string | string[]);
    const wildcards = actions.filter(isWildcardAction);
    if (wildcards.length > 0) problems.push(`${label} allows wildcard action(s) ${wildcards.join(", ")}`);
    if (asList(statement.Resource as string | string[]).includes("*")) {
      const unlisted = actions.filter((action) => !isWildcardAction(action) && !allowedOnAnyResource(action, statement));
      if (unlisted.length > 0) {
        problems.push(`${label} allows ${unlisted.join(", ")} on Resource "*" (not on the allow-list in components/aws/iam/wildcard-allow-list.ts, or without its required condition)`);
      }
    }
  });
  return problems;
}

function documentsOf(resource: CheckedResource): Array<{ document: unknown; where: string }> {
  if (POLICY_DOCUMENT_TYPES.has(resource.type)) return [{ document: resource.inputs.policy, where: "policy" }];
  if (resource.type === "aws:iam/role:Role") {
    return asList(resource.inputs.inlinePolicies as Array<{ name?: string; policy?: unknown }>).map((inline, index) => ({
      document: inline.policy,
      where: `inline policy ${inline.name ?? index}`,
    }));
  }
  return [];
}

export const iamNoWildcards: ResourceRule = {
  kind: "resource",
  name: "iam-no-wildcards",
  description: 'IAM policies allow no "*" or "service:*" actions, no NotAction/NotResource, and "*" resources only for allow-listed actions; no broad managed policies.',
  severity: "high",
  check(resource) {
    if (ATTACHMENT_TYPES.has(resource.type)) {
      const arn = resource.inputs.policyArn;
      return typeof arn === "string" && FORBIDDEN_MANAGED_POLICIES.has(arn) ? [`attaches the broad managed policy ${arn}`] : [];
    }
    return documentsOf(resource).flatMap(({ document, where }) => {
      if (containsUnknown(document)) return [];
      const parsed = jsonDocument(document);
      return parsed ? documentViolations(parsed, where) : [];
    });
  },
};
