/** The heavy tier on MSK topics (aws-msk's stream layer) and with its options (EMR Serverless, RDS). */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { FLINK_CONSUMER_GROUP } from "../../components/aws/heavy/flink-dedup-application";
import { heavyNames } from "../../components/aws/heavy/heavy-names";
import { namesFor } from "../../components/naming";
import { ofType, one, policyDocument } from "../support/resources";
import { MSK_BOOTSTRAP, MSK_CLUSTER_ARN, planHeavy, type HeavyPlan } from "./heavy-fixture";

const names = heavyNames(namesFor("prod"));
const topicArn = (topic: string) => MSK_CLUSTER_ARN.replace(":cluster/", ":topic/") + `/${topic}`;
const rolePolicy = (plan: HeavyPlan, roleName: string) => {
  const role = ofType(plan.resources, "aws:iam/role:Role").find((r) => r.inputs.name === roleName)!;
  return policyDocument(one(plan.resources, "aws:iam/rolePolicy:RolePolicy", `${role.name}-policy`));
};
const sid = (doc: { Statement: Array<Record<string, any>> }, id: string) => doc.Statement.find((s) => s.Sid === id)!;

describe("heavy tier on MSK topics (built directly)", () => {
  let plan: HeavyPlan;
  before(async () => {
    plan = await planHeavy("msk", { heavy: { enrichment: "emr-serverless", rdsReporting: true } });
  });

  it("reads the raw topic and writes the three output topics over IAM auth", () => {
    const app = one(plan.resources, "aws:kinesisanalyticsv2/application:Application");
    const props = app.inputs.applicationConfiguration.environmentProperties.propertyGroups.find((g: any) => g.propertyGroupId === "telemetry").propertyMap;
    assert.equal(props["source.kind"], "kafka");
    assert.equal(props["kafka.bootstrap.servers"], MSK_BOOTSTRAP);
    assert.equal(props["kafka.auth"], "iam");
    assert.equal(props["source.topic"], "prod-client-game_event-raw");
    assert.equal(props["sink.deduped.topic"], "prod-client-game_event-deduped");
    assert.equal(props["sink.dead-letter.topic"], "prod-client-game_event-dead-letter");
    // No Kinesis stream is created for deduped: the topic belongs to the variant's topic admin.
    assert.equal(ofType(plan.resources, "aws:kinesis/stream:Stream").length, 0);
  });

  it("runs Flink in the cluster's VPC private subnets with the functions security group", () => {
    const app = one(plan.resources, "aws:kinesisanalyticsv2/application:Application");
    const vpc = app.inputs.applicationConfiguration.vpcConfiguration;
    // The functions group's own rules name its id (rules are named <network>-<group>-<direction>-<n>).
    const functionsGroupIds = new Set(
      ofType(plan.resources, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")
        .filter((r) => r.name.startsWith("telemetry-network-functions-egress-"))
        .map((r) => r.inputs.securityGroupId),
    );
    const privateSubnets = ofType(plan.resources, "aws:ec2/routeTableAssociation:RouteTableAssociation").filter((r) => /-private-\d-routes$/.test(r.name)).map((r) => r.inputs.subnetId);
    assert.equal(functionsGroupIds.size, 1);
    assert.deepEqual(vpc.securityGroupIds, [...functionsGroupIds]);
    assert.deepEqual([...vpc.subnetIds].sort(), [...privateSubnets].sort());
    assert.equal(vpc.subnetIds.length, 3);
  });

  it("scopes the Flink role to the cluster, its topics and its consumer group", () => {
    const doc = rolePolicy(plan, names.flinkRole);
    assert.deepEqual(sid(doc, "KafkaReadRaw").Resource, [topicArn("prod-client-game_event-raw")]);
    assert.deepEqual(sid(doc, "KafkaWriteOutputs").Resource, ["clean", "deduped", "dead-letter"].map((c) => topicArn(`prod-client-game_event-${c}`)));
    assert.deepEqual(sid(doc, "KafkaConsumerGroup").Resource, [MSK_CLUSTER_ARN.replace(":cluster/", ":group/") + `/${FLINK_CONSUMER_GROUP}`]);
    assert.deepEqual(sid(doc, "KafkaConnect").Resource, [MSK_CLUSTER_ARN]);
    assert.deepEqual(sid(doc, "VpcCreateInterfaces").Resource, [
      "arn:aws:ec2:us-east-1:123456789012:network-interface/*",
      "arn:aws:ec2:us-east-1:123456789012:subnet/*",
      "arn:aws:ec2:us-east-1:123456789012:security-group/*",
    ]);
    // Only S3 (the code zip) needs the key on this path: Kafka traffic is TLS, not KMS-encrypted records.
    assert.deepEqual(sid(doc, "PipelineKeyUseKeyViaServices").Condition.StringEquals["kms:ViaService"], ["s3.us-east-1.amazonaws.com"]);
  });

  it("uses Redshift subnets from the shared network (no second VPC)", () => {
    assert.equal(ofType(plan.resources, "aws:ec2/vpc:Vpc").length, 1);
    const workgroup = one(plan.resources, "aws:redshiftserverless/workgroup:Workgroup");
    assert.equal(workgroup.inputs.publiclyAccessible, false);
    const privateSubnets = ofType(plan.resources, "aws:ec2/routeTableAssociation:RouteTableAssociation").filter((r) => /-private-\d-routes$/.test(r.name)).map((r) => r.inputs.subnetId);
    assert.deepEqual([...workgroup.inputs.subnetIds].sort(), [...privateSubnets].sort());
    assert.equal(workgroup.inputs.subnetIds.length, 3);
  });

  it("runs enrichment on EMR Serverless from the state machine and the schedule, passing only its execution role", () => {
    const app = one(plan.resources, "aws:emrserverless/application:Application");
    const machine = JSON.parse(one(plan.resources, "aws:sfn/stateMachine:StateMachine").inputs.definition);
    const step = Object.values(machine.States).find((s: any) => s.Resource === "arn:aws:states:::emr-serverless:startJobRun.sync") as any;
    assert.match(step.Parameters.ApplicationId, /^00f[0-9a-f]{13}$/);
    assert.equal(step.Parameters.ExecutionRoleArn, `arn:aws:iam::123456789012:role/${names.enrichmentRole}`);
    assert.equal(step.Parameters.JobDriver.SparkSubmit.EntryPoint, "s3://tlm-prod-artifacts-123456789012-us-east-1/glue/enrich_silver.py");
    assert.equal(step.Parameters.JobDriver.SparkSubmit.SparkSubmitParameters, "--py-files s3://tlm-prod-artifacts-123456789012-us-east-1/glue/enrichment.py");
    const args: string[] = step.Parameters.JobDriver.SparkSubmit.EntryPointArguments;
    assert.equal(args[args.indexOf("--staging_path") + 1], "s3://tlm-prod-staging-123456789012-us-east-1/staging/events/");
    assert.equal(args[args.indexOf("--staging_table") + 1], "staging_events");
    assert.equal(app.inputs.releaseLabel, "emr-7.5.0");
    // 13 workers (from load) + 1 driver, 4 vCPU / 16 GB each.
    assert.deepEqual(app.inputs.maximumCapacity, { cpu: "56 vCPU", memory: "224 GB" });
    const schedule = ofType(plan.resources, "aws:scheduler/schedule:Schedule").find((s) => s.inputs.name === names.enrichmentSchedule)!;
    const input = JSON.parse(schedule.inputs.target.input);
    assert.equal(schedule.inputs.target.arn, "arn:aws:scheduler:::aws-sdk:emrserverless:startJobRun");
    assert.equal(input.ApplicationId, step.Parameters.ApplicationId);
    assert.equal(input.ClientToken, "<aws.scheduler.execution-id>");
    assert.deepEqual(input.JobDriver.SparkSubmit.EntryPointArguments, args);
    const pass = sid(rolePolicy(plan, names.enrichmentSchedulerRole), "PassExecutionRole");
    assert.deepEqual(pass.Resource, [step.Parameters.ExecutionRoleArn]);
    assert.deepEqual(pass.Condition, { StringEquals: { "iam:PassedToService": "emr-serverless.amazonaws.com" } });
    assert.equal(ofType(plan.resources, "aws:glue/job:Job").length, 0);
  });

  it("passes EMR arguments that enrich_silver.py's plain-Spark path accepts (python3 parses them)", () => {
    const machine = JSON.parse(one(plan.resources, "aws:sfn/stateMachine:StateMachine").inputs.definition);
    const step = Object.values(machine.States).find((s: any) => s.Resource === "arn:aws:states:::emr-serverless:startJobRun.sync") as any;
    const args: string[] = step.Parameters.JobDriver.SparkSubmit.EntryPointArguments;
    const script = "import json, sys\nfrom enrich_silver import parse_spark_args, select_engine\n" +
      "a = sys.argv[1:]\nparsed = parse_spark_args(a)\nprint(json.dumps({'engine': select_engine(a, True), 'staging_path': parsed['staging_path'], 'late_days': parsed['late_days']}))";
    const result = spawnSync("python3", ["-c", script, ...args], { cwd: join(__dirname, "../../jobs/glue"), encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" } });
    assert.equal(result.status, 0, result.stderr);
    const parsed = JSON.parse(result.stdout);
    // select_engine ran as if awsglue were importable: the engine comes from the component's argument.
    assert.deepEqual(parsed, { engine: "emr-serverless", staging_path: args[args.indexOf("--staging_path") + 1], late_days: 1 });
  });

  it("alarms on EMR Serverless failed jobs and has no Kinesis lag alarm on a Kafka source", () => {
    const alarms = ofType(plan.resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const enrichment = alarms.find((a) => a.inputs.name === `${names.alarmPrefix}-enrichment-failed`)!;
    assert.equal(enrichment.inputs.namespace, "AWS/EMRServerless");
    assert.equal(enrichment.inputs.metricName, "FailedJobs");
    assert.equal(alarms.some((a) => a.inputs.name === `${names.alarmPrefix}-flink-behind-latest`), false);
  });

  it("adds a private, encrypted, deletion-protected RDS reporting database when asked", () => {
    const rds = one(plan.resources, "aws:rds/instance:Instance");
    assert.equal(rds.inputs.publiclyAccessible, false);
    assert.equal(rds.inputs.storageEncrypted, true);
    assert.equal(rds.inputs.manageMasterUserPassword, true);
    assert.equal(rds.inputs.deletionProtection, true);
    assert.equal(rds.inputs.skipFinalSnapshot, false);
    assert.equal(rds.protect, true);
    const ingress = ofType(plan.resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.fromPort === 5432);
    assert.equal(ingress.length, 1);
    assert.equal(ingress[0].inputs.cidrIpv4, undefined);
  });
});
