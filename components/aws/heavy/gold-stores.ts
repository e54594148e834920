/**
 * GoldStores: seed 000's GOLD outputs besides S3 aggregates (those are a prefix of the GOLD bucket,
 * written by the GOLD batch):
 * - DynamoDB fast-access table: per-player daily aggregates for internal services (on-demand, CMK,
 *   point-in-time recovery, deletion protection with protectData).
 * - Redshift Serverless namespace + workgroup in the VPC's private subnets: admin password generated
 *   and rotated by Secrets Manager (encrypted with the pipeline key), data encrypted with the
 *   pipeline key, not publicly accessible, enhanced VPC routing (COPY goes through the S3 gateway
 *   endpoint), TLS required. No audit-log export: Redshift would create its CloudWatch groups itself,
 *   without retention; the SYS_CONNECTION_LOG / SYS_QUERY_HISTORY views keep the audit trail. Its security group admits 5439 only from the `warehouse-clients` group
 *   (BI tools, QuickSight VPC connections); the loader uses the Data API and needs no network path.
 * - Optional RDS PostgreSQL reporting database (private, encrypted, managed master password,
 *   deletion protection and a final snapshot with protectData).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "../environment";
import { policyDocument, trustPolicyDocument } from "../iam/policy-document";
import { createLogGroup } from "../log-group";
import { redshiftCopyStatements, REDSHIFT_SERVICE_PRINCIPALS } from "./iam/warehouse-policy";
import { assertUniqueSids } from "./iam/statement-ids";

export const REDSHIFT_PORT = 5439;
export const POSTGRES_PORT = 5432;
export const HTTPS_PORT = 443;
export const REDSHIFT_DATABASE = "telemetry";
export const REDSHIFT_ADMIN_USER = "telemetry_admin";
export const RDS_ENGINE_VERSION = "16";

export interface GoldStoresArgs {
  names: { goldTable: string; namespace: string; workgroup: string; copyRole: string; rdsInstance: string };
  network: { vpcId: pulumi.Input<string>; privateSubnetIds: pulumi.Input<string>[] };
  lake: { bucketArn: pulumi.Input<string>; copyPrefixes: string[] };
  redshift: { baseCapacity: number; maxCapacity?: number };
  rds?: { instanceClass: string };
  keyArn: pulumi.Input<string>;
  env: AwsEnvironment;
  logRetentionDays: number;
  protect: boolean;
  tags: Record<string, string>;
}

export class GoldStores extends pulumi.ComponentResource {
  public readonly playerTable: aws.dynamodb.Table;
  public readonly namespace: aws.redshiftserverless.Namespace;
  public readonly workgroup: aws.redshiftserverless.Workgroup;
  public readonly copyRole: aws.iam.Role;
  public readonly warehouseGroupId: pulumi.Output<string>;
  public readonly clientsGroupId: pulumi.Output<string>;
  public readonly rds?: aws.rds.Instance;

  constructor(name: string, args: GoldStoresArgs, opts?: pulumi.ComponentResourceOptions) {
    if (args.network.privateSubnetIds.length < 2) throw new RangeError(`Redshift Serverless needs private subnets in at least 2 AZs, got ${args.network.privateSubnetIds.length}`);
    if (args.redshift.baseCapacity % 8 !== 0 || args.redshift.baseCapacity < 8) throw new RangeError(`Redshift base capacity ${args.redshift.baseCapacity} must be a multiple of 8 ≥ 8`);
    super("telemetry:aws:GoldStores", name, {}, opts);
    const child = { parent: this };
    const stateful = { parent: this, protect: args.protect, retainOnDelete: args.protect };
    const { env, tags } = args;

    this.playerTable = new aws.dynamodb.Table(
      `${name}-player-daily`,
      {
        name: args.names.goldTable,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "player_id",
        rangeKey: "metric_date",
        attributes: [
          { name: "player_id", type: "S" },
          { name: "metric_date", type: "S" },
        ],
        serverSideEncryption: { enabled: true, kmsKeyArn: args.keyArn },
        pointInTimeRecovery: { enabled: true },
        deletionProtectionEnabled: args.protect,
        ttl: { attributeName: "expires_at", enabled: true },
        tags: { ...tags, zone: "gold" },
      },
      stateful,
    );

    // Security groups without inline rules; each rule is its own resource.
    const group = (role: string, description: string) =>
      new aws.ec2.SecurityGroup(`${name}-${role}`, { vpcId: args.network.vpcId, description, revokeRulesOnDelete: true, tags: { ...tags, Name: `${name}-${role}` } }, child);
    const warehouseGroup = group("warehouse-sg", "Redshift Serverless workgroup (managed by Pulumi)");
    const clientsGroup = group("warehouse-clients", "Clients allowed to reach the warehouse / reporting database (managed by Pulumi)");
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-warehouse-from-clients`,
      { securityGroupId: warehouseGroup.id, referencedSecurityGroupId: clientsGroup.id, ipProtocol: "tcp", fromPort: REDSHIFT_PORT, toPort: REDSHIFT_PORT, description: "Redshift from warehouse clients", tags },
      child,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-clients-to-warehouse`,
      { securityGroupId: clientsGroup.id, referencedSecurityGroupId: warehouseGroup.id, ipProtocol: "tcp", fromPort: REDSHIFT_PORT, toPort: REDSHIFT_PORT, description: "to Redshift", tags },
      child,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-warehouse-to-s3`,
      // Enhanced VPC routing sends COPY traffic through the VPC: S3 via its gateway endpoint (a prefix list, hence by CIDR).
      { securityGroupId: warehouseGroup.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: HTTPS_PORT, toPort: HTTPS_PORT, description: "S3 gateway endpoint (COPY)", tags },
      child,
    );
    this.warehouseGroupId = warehouseGroup.id;
    this.clientsGroupId = clientsGroup.id;

    this.copyRole = new aws.iam.Role(
      `${name}-copy-role`,
      {
        name: args.names.copyRole,
        description: "Redshift COPY from the warehouse loader's lake prefixes",
        assumeRolePolicy: trustPolicyDocument([
          { Effect: "Allow", Principal: { Service: [...REDSHIFT_SERVICE_PRINCIPALS] }, Action: ["sts:AssumeRole"], Resource: [], Condition: { StringEquals: { "aws:SourceAccount": env.accountId } } },
        ]),
        tags,
      },
      child,
    );
    const copyPolicy = new aws.iam.RolePolicy(
      `${name}-copy-role-policy`,
      {
        role: this.copyRole.name,
        name: "scoped-access",
        policy: policyDocument(assertUniqueSids(redshiftCopyStatements({ bucketArn: args.lake.bucketArn, prefixes: args.lake.copyPrefixes }, args.keyArn, env.region))),
      },
      child,
    );

    this.namespace = new aws.redshiftserverless.Namespace(
      `${name}-namespace`,
      {
        namespaceName: args.names.namespace,
        dbName: REDSHIFT_DATABASE,
        adminUsername: REDSHIFT_ADMIN_USER,
        manageAdminPassword: true,
        adminPasswordSecretKmsKeyId: args.keyArn,
        kmsKeyId: args.keyArn,
        iamRoles: [this.copyRole.arn],
        defaultIamRoleArn: this.copyRole.arn,
        tags,
      },
      { ...stateful, dependsOn: [copyPolicy] },
    );
    this.workgroup = new aws.redshiftserverless.Workgroup(
      `${name}-workgroup`,
      {
        workgroupName: args.names.workgroup,
        namespaceName: this.namespace.namespaceName,
        baseCapacity: args.redshift.baseCapacity,
        maxCapacity: args.redshift.maxCapacity,
        publiclyAccessible: false,
        enhancedVpcRouting: true,
        subnetIds: args.network.privateSubnetIds,
        securityGroupIds: [warehouseGroup.id],
        port: REDSHIFT_PORT,
        configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }],
        tags,
      },
      child,
    );

    if (args.rds) {
      this.rds = this.reportingDatabase(name, args, clientsGroup, stateful);
    }
    this.registerOutputs({ playerTable: this.playerTable.name, workgroup: this.workgroup.workgroupName, namespace: this.namespace.namespaceName });
  }

  private reportingDatabase(name: string, args: GoldStoresArgs, clientsGroup: aws.ec2.SecurityGroup, stateful: pulumi.CustomResourceOptions): aws.rds.Instance {
    const child = { parent: this };
    const { tags } = args;
    const rdsGroup = new aws.ec2.SecurityGroup(
      `${name}-reporting-sg`,
      { vpcId: args.network.vpcId, description: "RDS reporting database (managed by Pulumi)", revokeRulesOnDelete: true, tags: { ...tags, Name: `${name}-reporting-sg` } },
      child,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-reporting-from-clients`,
      { securityGroupId: rdsGroup.id, referencedSecurityGroupId: clientsGroup.id, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, description: "PostgreSQL from warehouse clients", tags },
      child,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-clients-to-reporting`,
      { securityGroupId: clientsGroup.id, referencedSecurityGroupId: rdsGroup.id, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, description: "to the reporting database", tags },
      child,
    );
    const subnets = new aws.rds.SubnetGroup(
      `${name}-reporting-subnets`,
      { name: args.names.rdsInstance, description: "private subnets of the reporting database", subnetIds: args.network.privateSubnetIds, tags },
      child,
    );
    createLogGroup(
      `${name}-reporting-logs`,
      { logGroupName: `/aws/rds/instance/${args.names.rdsInstance}/postgresql`, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags },
      child,
    );
    return new aws.rds.Instance(
      `${name}-reporting`,
      {
        identifier: args.names.rdsInstance,
        engine: "postgres",
        engineVersion: RDS_ENGINE_VERSION,
        instanceClass: args.rds!.instanceClass,
        allocatedStorage: 100,
        maxAllocatedStorage: 1000,
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: args.keyArn,
        dbName: "reporting",
        username: "reporting_admin",
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: args.keyArn,
        iamDatabaseAuthenticationEnabled: true,
        dbSubnetGroupName: subnets.name,
        vpcSecurityGroupIds: [rdsGroup.id],
        publiclyAccessible: false,
        multiAz: args.protect,
        backupRetentionPeriod: args.protect ? 14 : 1,
        deletionProtection: args.protect,
        skipFinalSnapshot: !args.protect,
        finalSnapshotIdentifier: args.protect ? `${args.names.rdsInstance}-final` : undefined,
        copyTagsToSnapshot: true,
        enabledCloudwatchLogsExports: ["postgresql"],
        autoMinorVersionUpgrade: true,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: args.keyArn,
        tags,
      },
      stateful,
    );
  }
}
