/**
 * Network: the aws-msk variant's VPC from plain `aws.ec2` resources (testable under mocks): private
 * subnets in distinct AZs, gateway and interface endpoints for every AWS API called from inside,
 * the pipeline's security groups, flow logs to CloudWatch, and an optional NAT gateway.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fitName } from "../naming";
import { logStreamsArn } from "./iam/logs";
import { NAME_LIMITS } from "./limits";
import { createLogGroup } from "./log-group";
import { createServiceRole } from "./service-role";
import {
  endpointServiceName,
  privateSubnetCidrs,
  publicSubnetCidrs,
  SECURITY_GROUP_ROLES,
  securityGroupRules,
  VPC_ENDPOINTS,
  type SecurityGroupRole,
} from "./network-plan";

export interface NetworkArgs {
  /** 2 or 3 distinct AZs. */
  availabilityZones: number;
  vpcCidr: string;
  natGateway: boolean;
  logRetentionDays: number;
  /** Physical-name prefix, e.g. `tlm-dev` (role names). */
  resourcePrefix: string;
  /** The pipeline key (flow-log group encryption). */
  keyArn: pulumi.Input<string>;
  tags: Record<string, string>;
}

export class Network extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly privateSubnetIds: pulumi.Output<string>[];
  public readonly securityGroupIds: Record<SecurityGroupRole, pulumi.Output<string>>;
  public readonly flowLogGroupName: pulumi.Output<string>;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    if (![2, 3].includes(args.availabilityZones)) throw new RangeError(`Network ${name}: availabilityZones must be 2 or 3, got ${args.availabilityZones}`);
    super("telemetry:aws:Network", name, {}, opts);
    const parent = this;
    const tags = args.tags;
    const region = aws.getRegionOutput({}, { parent });
    const caller = aws.getCallerIdentityOutput({}, { parent });
    const zones = aws.getAvailabilityZonesOutput({ state: "available" }, { parent });

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      // DNS support and hostnames: interface endpoints answer on the services' public names.
      { cidrBlock: args.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: { ...tags, Name: `${name}-vpc` } },
      { parent },
    );

    const privateRoutes = new aws.ec2.RouteTable(`${name}-private-routes`, { vpcId: vpc.id, tags }, { parent });
    const privateSubnets = privateSubnetCidrs(args.vpcCidr, args.availabilityZones).map(({ azIndex, cidr }) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-private-${azIndex}`,
        {
          vpcId: vpc.id,
          cidrBlock: cidr,
          availabilityZone: zones.names.apply((names) => zoneAt(names, azIndex, args.availabilityZones)),
          mapPublicIpOnLaunch: false,
          tags: { ...tags, Name: `${name}-private-${azIndex}`, tier: "private" },
        },
        { parent },
      );
      new aws.ec2.RouteTableAssociation(`${name}-private-${azIndex}-routes`, { subnetId: subnet.id, routeTableId: privateRoutes.id }, { parent });
      return subnet;
    });

    const groups = {} as Record<SecurityGroupRole, aws.ec2.SecurityGroup>;
    for (const role of SECURITY_GROUP_ROLES) {
      // No inline rules: every rule is its own resource below (self references, no drift fights).
      groups[role] = new aws.ec2.SecurityGroup(
        `${name}-${role}`,
        { vpcId: vpc.id, description: `telemetry ${role} (managed by Pulumi)`, revokeRulesOnDelete: true, tags: { ...tags, Name: `${name}-${role}` } },
        { parent },
      );
    }
    securityGroupRules().forEach((rule, index) => {
      const common = {
        securityGroupId: groups[rule.group].id,
        ipProtocol: "tcp",
        fromPort: rule.port,
        toPort: rule.port,
        description: rule.description,
        ...("group" in rule.peer ? { referencedSecurityGroupId: groups[rule.peer.group].id } : { cidrIpv4: rule.peer.cidr }),
        tags,
      };
      const ruleName = `${name}-${rule.group}-${rule.direction}-${index}`;
      if (rule.direction === "ingress") new aws.vpc.SecurityGroupIngressRule(ruleName, common, { parent });
      else new aws.vpc.SecurityGroupEgressRule(ruleName, common, { parent });
    });

    for (const endpoint of VPC_ENDPOINTS) {
      const serviceName = region.region.apply((r) => endpointServiceName(r, endpoint.service));
      new aws.ec2.VpcEndpoint(
        `${name}-endpoint-${endpoint.service}`,
        endpoint.type === "Gateway"
          ? { vpcId: vpc.id, serviceName, vpcEndpointType: "Gateway", routeTableIds: [privateRoutes.id], tags: { ...tags, usedBy: endpoint.usedBy } }
          : {
              vpcId: vpc.id,
              serviceName,
              vpcEndpointType: "Interface",
              privateDnsEnabled: true,
              subnetIds: privateSubnets.map((s) => s.id),
              securityGroupIds: [groups.endpoints.id],
              tags: { ...tags, usedBy: endpoint.usedBy },
            },
        { parent },
      );
    }

    if (args.natGateway) this.addNatGateway(name, args, vpc, privateRoutes, zones.names);

    const flowLogs = createLogGroup(
      `${name}-flow-logs`,
      { logGroupName: pulumi.interpolate`/aws/vpc/flow-logs/${vpc.id}`, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags },
      { parent },
    );
    const { role: flowLogRole } = createServiceRole(
      `${name}-flow-logs-role`,
      {
        roleName: fitName(`${args.resourcePrefix}-flow-logs`, NAME_LIMITS.iamRole),
        service: "vpc-flow-logs.amazonaws.com",
        // Confused-deputy guard: the service acts only for this account.
        trustCondition: { StringEquals: { "aws:SourceAccount": caller.accountId } },
        statements: [{ Sid: "WriteFlowLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: [logStreamsArn(flowLogs.arn)] }],
        tags,
        description: "VPC flow logs of the aws-msk network",
      },
      { parent },
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: flowLogs.arn, iamRoleArn: flowLogRole.arn, maxAggregationInterval: 60, tags },
      { parent },
    );

    this.vpcId = vpc.id;
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.securityGroupIds = Object.fromEntries(SECURITY_GROUP_ROLES.map((role) => [role, groups[role].id])) as Record<SecurityGroupRole, pulumi.Output<string>>;
    this.flowLogGroupName = flowLogs.name;
    this.registerOutputs({ vpcId: this.vpcId, privateSubnetIds: this.privateSubnetIds, securityGroupIds: this.securityGroupIds });
  }

  /** Public subnets + internet gateway + one NAT gateway (in the first AZ: cost over AZ-failure tolerance of egress). */
  private addNatGateway(name: string, args: NetworkArgs, vpc: aws.ec2.Vpc, privateRoutes: aws.ec2.RouteTable, zoneNames: pulumi.Output<string[]>): void {
    const parent = this;
    const tags = args.tags;
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags }, { parent });
    const publicRoutes = new aws.ec2.RouteTable(`${name}-public-routes`, { vpcId: vpc.id, tags }, { parent });
    new aws.ec2.Route(`${name}-public-default`, { routeTableId: publicRoutes.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, { parent });
    const publicSubnets = publicSubnetCidrs(args.vpcCidr, args.availabilityZones).map(({ azIndex, cidr }) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-public-${azIndex}`,
        {
          vpcId: vpc.id,
          cidrBlock: cidr,
          availabilityZone: zoneNames.apply((names) => zoneAt(names, azIndex, args.availabilityZones)),
          mapPublicIpOnLaunch: false,
          tags: { ...tags, Name: `${name}-public-${azIndex}`, tier: "public" },
        },
        { parent },
      );
      new aws.ec2.RouteTableAssociation(`${name}-public-${azIndex}-routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id }, { parent });
      return subnet;
    });
    const eip = new aws.ec2.Eip(`${name}-nat-ip`, { domain: "vpc", tags }, { parent });
    const nat = new aws.ec2.NatGateway(`${name}-nat`, { allocationId: eip.allocationId, subnetId: publicSubnets[0].id, tags }, { parent, dependsOn: [igw] });
    new aws.ec2.Route(`${name}-private-default`, { routeTableId: privateRoutes.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, { parent });
  }
}

/** The AZ for subnet `index`; fails clearly when the region offers fewer AZs than asked for. */
export function zoneAt(names: string[], index: number, wanted: number): string {
  if (names.length < wanted) throw new Error(`the region offers ${names.length} available AZs; telemetry:msk.availabilityZones = ${wanted} needs ${wanted}`);
  return names[index];
}
