/**
 * One IAM role per function/service: a trust policy for one service principal and one inline policy
 * built from scoped statements. Inline (not managed) so the role and its permissions live and die together.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkName } from "./limits";
import { assumeRoleStatements, policyDocument, trustPolicyDocument, type ConditionBlock, type PolicyStatement } from "./iam/policy-document";

export interface ServiceRoleArgs {
  /** Physical role name (≤ 64 characters). */
  roleName: string;
  /** Service principal, e.g. `lambda.amazonaws.com`. */
  service: string;
  statements: PolicyStatement[];
  tags: Record<string, string>;
  trustCondition?: ConditionBlock;
  description?: string;
}

export interface ServiceRole {
  role: aws.iam.Role;
  policy: aws.iam.RolePolicy;
}

/** Creates `${name}` (Role) and `${name}-policy` (RolePolicy) under `parent`. */
export function createServiceRole(name: string, args: ServiceRoleArgs, opts: pulumi.CustomResourceOptions): ServiceRole {
  checkName("iamRole", args.roleName);
  if (args.statements.length === 0) throw new RangeError(`role ${args.roleName} needs at least one statement`);
  const role = new aws.iam.Role(
    name,
    {
      name: args.roleName,
      description: args.description,
      assumeRolePolicy: trustPolicyDocument(assumeRoleStatements(args.service, args.trustCondition)),
      tags: args.tags,
    },
    opts,
  );
  const policy = new aws.iam.RolePolicy(`${name}-policy`, { role: role.name, name: "scoped-access", policy: policyDocument(args.statements) }, opts);
  return { role, policy };
}
