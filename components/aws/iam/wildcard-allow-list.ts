/**
 * The only IAM statements allowed a `*` resource: actions AWS does not let a policy scope to a named
 * resource. Each entry says why and, where AWS offers one, the condition that narrows it instead.
 * The policy pack reads WILDCARD_ALLOWED_ACTIONS and flags any other `*` resource.
 */
import type { PolicyStatement } from "./policy-document";

export interface WildcardAllowance {
  action: string;
  why: string;
  /** Condition key that must accompany the statement, if AWS offers one. */
  requiredCondition?: string;
}

export const WILDCARD_ALLOWED_ACTIONS: readonly WildcardAllowance[] = [
  { action: "xray:PutTraceSegments", why: "X-Ray has no resource-level permissions" },
  { action: "xray:PutTelemetryRecords", why: "X-Ray has no resource-level permissions" },
  {
    action: "cloudwatch:PutMetricData",
    why: "CloudWatch metrics have no ARNs; the namespace condition limits writes to the pipeline's namespace",
    requiredCondition: "cloudwatch:namespace",
  },
  ...["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:UnassignPrivateIpAddresses"].map(
    (action) => ({ action, why: "Lambda in a VPC manages its own network interfaces; EC2 cannot scope these to a named resource" }),
  ),
  ...["ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"].map((action) => ({
    action,
    why: "an MSK event source mapping inspects the cluster's network; EC2 Describe* calls have no resource-level scoping",
  })),
  {
    action: "ec2:DescribeDhcpOptions",
    why: "Managed Flink in a VPC (aws-msk heavy) describes the VPC's DHCP options; EC2 Describe* calls have no resource-level scoping",
  },
  ...[
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
  ].map((action) => ({
    action,
    why: "Step Functions delivers execution logs through CloudWatch Logs' vended-log delivery API, which takes no resource ARN",
  })),
  ...["redshift-data:DescribeStatement", "redshift-data:GetStatementResult", "redshift-data:CancelStatement"].map((action) => ({
    action,
    why: "Redshift Data API calls on a statement id take no resource ARN; the condition limits them to statements the caller started",
    requiredCondition: "redshift-data:statement-owner-iam-userid",
  })),
];

/**
 * Key policies are the exception by construction: in a key policy `Resource: "*"` means "this key".
 * The policy pack treats a KMS key's own policy accordingly.
 */
export const KEY_POLICY_RESOURCE = "*";

/** Active X-Ray tracing for a Lambda function or API stage. */
export function xrayStatements(): PolicyStatement[] {
  return [{ Sid: "XRayTracing", Effect: "Allow", Action: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], Resource: ["*"] }];
}

/** PutMetricData limited to one namespace (the EMF namespace needs no call; direct metric writers do). */
export function putMetricDataStatements(namespace: string): PolicyStatement[] {
  return [
    {
      Sid: "PutMetricsInNamespace",
      Effect: "Allow",
      Action: ["cloudwatch:PutMetricData"],
      Resource: ["*"],
      Condition: { StringEquals: { "cloudwatch:namespace": namespace } },
    },
  ];
}

/** True when a statement with a `*` resource is covered by this allow-list. */
export function isAllowedWildcard(statement: { Action: string | string[]; Condition?: Record<string, Record<string, unknown>> }): boolean {
  const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  return actions.every((action) => {
    const allowance = WILDCARD_ALLOWED_ACTIONS.find((a) => a.action === action);
    if (!allowance) return false;
    if (!allowance.requiredCondition) return true;
    return Object.values(statement.Condition ?? {}).some((block) => allowance.requiredCondition! in block);
  });
}

/**
 * Lambda functions attached to a VPC create and delete their own network interfaces; EC2 has no
 * resource-level scoping for these calls at creation time (AWSLambdaVPCAccessExecutionRole uses `*`).
 */
export const VPC_ACCESS_ACTIONS = [
  "ec2:AssignPrivateIpAddresses",
  "ec2:CreateNetworkInterface",
  "ec2:DeleteNetworkInterface",
  "ec2:DescribeNetworkInterfaces",
  "ec2:UnassignPrivateIpAddresses",
] as const;

export function vpcAccessStatements(): PolicyStatement[] {
  return [{ Sid: "LambdaVpcNetworkInterfaces", Effect: "Allow", Action: [...VPC_ACCESS_ACTIONS], Resource: ["*"] }];
}

export const MSK_EVENT_SOURCE_NETWORK_ACTIONS = ["ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"] as const;

/** What Lambda's MSK event source mapping needs to reach the cluster's subnets (AWSLambdaMSKExecutionRole). */
export function mskEventSourceNetworkStatements(): PolicyStatement[] {
  return [{ Sid: "MskEventSourceNetwork", Effect: "Allow", Action: [...MSK_EVENT_SOURCE_NETWORK_ACTIONS], Resource: ["*"] }];
}
