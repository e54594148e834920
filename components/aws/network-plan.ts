/**
 * The aws-msk VPC's address plan and endpoint list (pure).
 *
 * Private subnets (brokers, Lambdas, connectors) are /20s at the bottom of the /16, one per AZ;
 * public subnets (only with a NAT gateway) are /24s at the top. No subnet overlaps another.
 */

export const KAFKA_IAM_TLS_PORT = 9098;
export const HTTPS_PORT = 443;

export interface SubnetPlan {
  azIndex: number;
  cidr: string;
}

export function privateSubnetCidrs(vpcCidr: string, azCount: number): SubnetPlan[] {
  const [a, b] = vpcOctets(vpcCidr);
  return Array.from({ length: azCount }, (_, i) => ({ azIndex: i, cidr: `${a}.${b}.${i * 16}.0/20` }));
}

export function publicSubnetCidrs(vpcCidr: string, azCount: number): SubnetPlan[] {
  const [a, b] = vpcOctets(vpcCidr);
  return Array.from({ length: azCount }, (_, i) => ({ azIndex: i, cidr: `${a}.${b}.${240 + i}.0/24` }));
}

function vpcOctets(vpcCidr: string): [number, number] {
  const match = /^(\d{1,3})\.(\d{1,3})\.0\.0\/16$/.exec(vpcCidr);
  if (!match) throw new RangeError(`VPC CIDR ${vpcCidr} is not an a.b.0.0/16 block`);
  return [Number(match[1]), Number(match[2])];
}

/** A VPC endpoint and the component that needs it: no endpoint without a caller. */
export interface EndpointNeed {
  service: string;
  type: "Gateway" | "Interface";
  usedBy: string;
}

/**
 * Every AWS API called from inside the VPC. Lambda logs, MSK broker logs, flow logs and Connect
 * worker logs are shipped by the services themselves, so no `logs` endpoint is needed; S3 and
 * DynamoDB call KMS server-side, so no `kms` endpoint either.
 */
export const VPC_ENDPOINTS: readonly EndpointNeed[] = [
  { service: "s3", type: "Gateway", usedBy: "MSK Connect S3 sink writes RAW objects" },
  { service: "dynamodb", type: "Gateway", usedBy: "processor dedup table (conditional writes)" },
  { service: "sts", type: "Interface", usedBy: "Lambda's MSK event-source pollers assume the processor role" },
  { service: "lambda", type: "Interface", usedBy: "Lambda's MSK event-source pollers invoke the processor" },
  { service: "kafka", type: "Interface", usedBy: "topic-admin calls GetBootstrapBrokers" },
];

export function endpointServiceName(region: string, service: string): string {
  return `com.amazonaws.${region}.${service}`;
}

export const SECURITY_GROUP_ROLES = ["brokers", "functions", "connect", "endpoints"] as const;
export type SecurityGroupRole = (typeof SECURITY_GROUP_ROLES)[number];

/** One rule: `peer` is another of the pipeline's groups, or a CIDR. */
export interface SecurityGroupRule {
  group: SecurityGroupRole;
  direction: "ingress" | "egress";
  port: number;
  peer: { group: SecurityGroupRole } | { cidr: string };
  description: string;
}

/**
 * The whole rule set. Kafka (9098, IAM + TLS) is open only between the pipeline's own groups. The
 * brokers group references itself because Lambda's MSK pollers and Firehose's private connectivity
 * attach ENIs with the cluster's own group. HTTPS leaves the subnets for AWS APIs: interface
 * endpoints by group; gateway endpoints (S3, DynamoDB) are prefix lists, so egress 443 is open by
 * CIDR — the private route table has no route anywhere else unless a NAT gateway is opted in.
 */
export function securityGroupRules(): SecurityGroupRule[] {
  const kafka = KAFKA_IAM_TLS_PORT;
  const rules: SecurityGroupRule[] = [];
  for (const client of ["brokers", "functions", "connect"] as const) {
    rules.push({ group: "brokers", direction: "ingress", port: kafka, peer: { group: client }, description: `Kafka IAM/TLS from ${client}` });
    rules.push({ group: client, direction: "egress", port: kafka, peer: { group: "brokers" }, description: "Kafka IAM/TLS to the brokers" });
    rules.push({ group: "endpoints", direction: "ingress", port: HTTPS_PORT, peer: { group: client }, description: `AWS APIs from ${client}` });
    rules.push({ group: client, direction: "egress", port: HTTPS_PORT, peer: { group: "endpoints" }, description: "AWS APIs through interface endpoints" });
  }
  for (const client of ["functions", "connect"] as const) {
    rules.push({ group: client, direction: "egress", port: HTTPS_PORT, peer: { cidr: "0.0.0.0/0" }, description: "S3 / DynamoDB gateway endpoints (prefix lists)" });
  }
  return rules;
}
