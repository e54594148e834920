/**
 * The shape of an IAM policy statement and the assembly of statements into a JSON document.
 * Statement builders (the other files here) are pure: they take ARNs (plain strings or Outputs) and
 * return plain statements, so tests can call them with literal ARNs.
 */
import * as pulumi from "@pulumi/pulumi";

export type ConditionBlock = Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: Record<string, pulumi.Input<string> | pulumi.Input<string>[]> | "*";
  Action: string[];
  Resource: pulumi.Input<string>[];
  Condition?: ConditionBlock;
}

/** `{"Version":"2012-10-17","Statement":[…]}` as a JSON string Output (resolves nested Outputs). */
export function policyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/** Trust policy letting one AWS service principal (e.g. `lambda.amazonaws.com`) assume a role. */
export function assumeRoleStatements(servicePrincipal: string, condition?: ConditionBlock): PolicyStatement[] {
  return [
    {
      Effect: "Allow",
      Principal: { Service: servicePrincipal },
      Action: ["sts:AssumeRole"],
      Resource: [],
      ...(condition ? { Condition: condition } : {}),
    },
  ];
}

/** Trust policies have no Resource element; drop the empty list the shared shape carries. */
export function trustPolicyDocument(statements: PolicyStatement[]): pulumi.Output<string> {
  return pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: statements.map(({ Resource, ...rest }) => (Resource.length === 0 ? rest : { ...rest, Resource })),
  });
}
