/** The heavy tier built directly on Kinesis (aws-native's stream layer): wiring, scoping, protection. */
import assert from "node:assert/strict";
import { FLINK_CODE_KEY } from "../../components/aws/heavy/flink-dedup-application";
import { GOLD_PREFIXES } from "../../components/aws/heavy/gold-layout";
import { heavyNames } from "../../components/aws/heavy/heavy-names";
import { namesFor } from "../../components/naming";
import { MOCK_ACCOUNT, MOCK_REGION } from "../../scripts/plan/mock-state";
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { ofType, one, policyDocument } from "../support/resources";
import { planHeavy, type HeavyPlan } from "./heavy-fixture";

const names = heavyNames(namesFor("prod"));
const streamArn = (channel: string) => `arn:aws:kinesis:${MOCK_REGION}:${MOCK_ACCOUNT}:stream/prod-client-game_event-${channel}`;
const rolePolicyOf = (plan: HeavyPlan, roleName: string) => {
  const role = ofType(plan.resources, "aws:iam/role:Role").find((r) => r.inputs.name === roleName);
  assert.ok(role, `role ${roleName}`);
  return policyDocument(one(plan.resources, "aws:iam/rolePolicy:RolePolicy", `${role!.name}-policy`));
};
const statement = (doc: { Statement: Array<Record<string, any>> }, sid: string) => {
  const found = doc.Statement.find((s) => s.Sid === sid);
  assert.ok(found, `statement ${sid} in ${doc.Statement.map((s) => s.Sid).join(", ")}`);
  return found!;
};
const flinkApp = (plan: HeavyPlan) => one(plan.resources, "aws:kinesisanalyticsv2/application:Application");
const telemetryProps = (app: PlannedResource) =>
  app.inputs.applicationConfiguration.environmentProperties.propertyGroups.find((g: any) => g.propertyGroupId === "telemetry").propertyMap;

describe("heavy tier on Kinesis (built directly)", () => {
  let plan: HeavyPlan;
  before(async () => {
    plan = await planHeavy("kinesis");
  });

  it("creates the deduped stream next to raw / clean / dead-letter, encrypted with the pipeline key and protected", () => {
    const deduped = ofType(plan.resources, "aws:kinesis/stream:Stream").find((s) => s.inputs.name === "prod-client-game_event-deduped");
    assert.ok(deduped);
    const raw = ofType(plan.resources, "aws:kinesis/stream:Stream").find((s) => s.inputs.name === "prod-client-game_event-raw")!;
    assert.equal(deduped!.inputs.encryptionType, "KMS");
    assert.match(deduped!.inputs.kmsKeyId, /^arn:aws:kms:us-east-1:123456789012:key\//);
    assert.equal(deduped!.inputs.kmsKeyId, raw.inputs.kmsKeyId, "the pipeline key");
    assert.equal(deduped!.inputs.streamModeDetails.streamMode, "ON_DEMAND");
    assert.equal(deduped!.protect, true);
  });

  it("runs Flink 1.20 on the code object's pinned version in the artifacts bucket", () => {
    const app = flinkApp(plan);
    const code = one(plan.resources, "aws:s3/bucketObjectv2:BucketObjectv2", "-flink-code");
    const location = app.inputs.applicationConfiguration.applicationCodeConfiguration.codeContent.s3ContentLocation;
    assert.equal(app.inputs.runtimeEnvironment, "FLINK-1_20");
    assert.equal(app.inputs.applicationConfiguration.applicationCodeConfiguration.codeContentType, "ZIPFILE");
    assert.equal(location.fileKey, FLINK_CODE_KEY);
    assert.equal(code.inputs.key, FLINK_CODE_KEY);
    // The mock gives each object version `v-<hash of its logical name>`; the application must pin exactly that.
    assert.match(location.objectVersion, /^v-[0-9a-f]{32}$/);
    assert.equal(location.bucketArn, `arn:aws:s3:::${code.inputs.bucket}`);
    assert.match(code.inputs.bucket, /^tlm-prod-artifacts-123456789012-us-east-1$/);
  });

  it("reads raw and writes clean / deduped / dead-letter by name and ARN", () => {
    const props = telemetryProps(flinkApp(plan));
    assert.equal(props["source.kind"], "kinesis");
    assert.equal(props["source.stream.name"], "prod-client-game_event-raw");
    assert.equal(props["sink.clean.stream.arn"], streamArn("clean"));
    assert.equal(props["sink.deduped.stream.arn"], streamArn("deduped"));
    assert.equal(props["sink.dead-letter.stream.arn"], streamArn("dead-letter"));
    assert.equal(props["dedup.window.minutes"], String(plan.config.dedupWindowMinutes));
  });

  it("sizes parallelism from load with autoscaling, checkpoints and snapshots on", () => {
    const flink = flinkApp(plan).inputs.applicationConfiguration;
    const parallelism = flink.flinkApplicationConfiguration.parallelismConfiguration;
    // 100,000 events/s × 1.2 headroom ÷ 4,000 per subtask = 30.
    assert.deepEqual(parallelism, { configurationType: "CUSTOM", autoScalingEnabled: true, parallelism: 30, parallelismPerKpu: 1 });
    assert.equal(flink.flinkApplicationConfiguration.checkpointConfiguration.checkpointingEnabled, true);
    assert.equal(flink.flinkApplicationConfiguration.checkpointConfiguration.checkpointInterval, plan.config.heavy.flinkCheckpointSeconds * 1000);
    assert.equal(flink.applicationSnapshotConfiguration.snapshotsEnabled, true);
    assert.equal(flink.runConfiguration.applicationRestoreConfiguration.applicationRestoreType, "RESTORE_FROM_LATEST_SNAPSHOT");
  });

  it("logs to its own log stream in a log group with the stack's retention", () => {
    const group = ofType(plan.resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === names.flinkLogGroup)!;
    const stream = one(plan.resources, "aws:cloudwatch/logStream:LogStream");
    assert.equal(group.inputs.retentionInDays, 90);
    assert.equal(stream.inputs.logGroupName, names.flinkLogGroup);
    assert.equal(flinkApp(plan).inputs.cloudwatchLoggingOptions.logStreamArn, `arn:aws:logs:us-east-1:123456789012:log-group:${names.flinkLogGroup}:log-stream:application`);
  });

  it("scopes the Flink role to the four streams, the code object and the key through Kinesis and S3", () => {
    const doc = rolePolicyOf(plan, names.flinkRole);
    assert.deepEqual(statement(doc, "ReadRawStream").Resource, [streamArn("raw")]);
    assert.deepEqual([...statement(doc, "WriteOutputStreams").Resource].sort(), [streamArn("clean"), streamArn("dead-letter"), streamArn("deduped")].sort());
    const code = one(plan.resources, "aws:s3/bucketObjectv2:BucketObjectv2", "-flink-code");
    assert.deepEqual(statement(doc, "ReadCodeObject").Resource, [`arn:aws:s3:::${code.inputs.bucket}/${FLINK_CODE_KEY}`]);
    const kms = statement(doc, "PipelineKeyUseKeyViaServices");
    assert.deepEqual(kms.Condition.StringEquals["kms:ViaService"], ["kinesis.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"]);
    // No VPC permissions outside a VPC.
    assert.equal(doc.Statement.some((s) => s.Sid === "VpcDescribe"), false);
  });

  it("runs the GOLD state machine in the lake's Athena workgroup with the GOLD SQL, the Glue job and the alert topic", () => {
    const machine = one(plan.resources, "aws:sfn/stateMachine:StateMachine");
    const definition = JSON.parse(machine.inputs.definition);
    const workgroup = one(plan.resources, "aws:athena/workgroup:Workgroup");
    const job = one(plan.resources, "aws:glue/job:Job");
    const topic = one(plan.resources, "aws:sns/topic:Topic");
    const states = Object.values(definition.States) as Array<Record<string, any>>;
    const athena = states.filter((s) => s.Resource === "arn:aws:states:::athena:startQueryExecution.sync");
    // The six sql/gold files, plus the player-daily SELECT the exporter reads.
    assert.equal(athena.length, 6 + 1);
    for (const state of athena) assert.equal(state.Parameters.WorkGroup, workgroup.inputs.name);
    const merge = athena.find((s) => String(s.Comment).includes("02_level_metrics.sql"))!;
    assert.match(merge.Parameters["QueryString.$"], /MERGE INTO tlm_prod_gold\.level_metrics/);
    assert.match(merge.Parameters["QueryString.$"], /FROM tlm_prod_lake\.staging_events/);
    const glue = states.find((s) => s.Resource === "arn:aws:states:::glue:startJobRun.sync")!;
    assert.equal(glue.Parameters.JobName, job.inputs.name);
    const notify = states.find((s) => s.Resource === "arn:aws:states:::sns:publish")!;
    assert.equal(notify.Parameters.TopicArn, `arn:aws:sns:us-east-1:123456789012:${topic.inputs.name}`);
    const unload = athena.find((s) => String(s.Comment).includes("05_export_level_features.sql"))!;
    assert.match(unload.Parameters["QueryString.$"], new RegExp(`TO \\\\'s3://tlm-prod-gold-123456789012-us-east-1/${GOLD_PREFIXES.aggregates}level_features/run_date=\\{\\}/`));
  });

  it("logs state machine executions and scopes its role to the workgroup, job, topic and lake prefixes", () => {
    const machine = one(plan.resources, "aws:sfn/stateMachine:StateMachine");
    assert.equal(machine.inputs.loggingConfiguration.logDestination, `arn:aws:logs:us-east-1:123456789012:log-group:${names.stateMachineLogGroup}:*`);
    const doc = rolePolicyOf(plan, names.stateMachineRole);
    assert.deepEqual(statement(doc, "AthenaQueries").Resource, ["arn:aws:athena:us-east-1:123456789012:workgroup/tlm-prod-analytics"]);
    assert.deepEqual(statement(doc, "RunEnrichmentJob").Resource, [`arn:aws:glue:us-east-1:123456789012:job/${names.enrichmentJob}`]);
    assert.deepEqual(statement(doc, "PublishAlert").Resource, [`arn:aws:sns:us-east-1:123456789012:tlm-prod-alerts`]);
    assert.deepEqual(statement(doc, "GoldObjectsReadWriteDelete").Resource, [
      `arn:aws:s3:::tlm-prod-gold-123456789012-us-east-1/${GOLD_PREFIXES.tables}*`,
      `arn:aws:s3:::tlm-prod-gold-123456789012-us-east-1/${GOLD_PREFIXES.aggregates}*`,
      "arn:aws:s3:::tlm-prod-gold-123456789012-us-east-1/athena-results/*",
    ]);
    assert.deepEqual(statement(doc, "StagingReadObjects").Resource, ["arn:aws:s3:::tlm-prod-staging-123456789012-us-east-1/staging/*"]);
  });

  it("schedules the GOLD batch and the enrichment with roles that can start only their target", () => {
    const schedules = ofType(plan.resources, "aws:scheduler/schedule:Schedule");
    const gold = schedules.find((s) => s.inputs.name === names.goldSchedule)!;
    assert.equal(gold.inputs.scheduleExpression, plan.config.heavy.goldSchedule);
    assert.equal(gold.inputs.target.arn, `arn:aws:states:us-east-1:123456789012:stateMachine:${names.stateMachine}`);
    assert.deepEqual(statement(rolePolicyOf(plan, names.goldSchedulerRole), "StartGoldBatch").Resource, [gold.inputs.target.arn]);
    const enrich = schedules.find((s) => s.inputs.name === names.enrichmentSchedule)!;
    assert.equal(enrich.inputs.target.arn, "arn:aws:scheduler:::aws-sdk:glue:startJobRun");
    assert.deepEqual(JSON.parse(enrich.inputs.target.input), { JobName: names.enrichmentJob });
    assert.deepEqual(statement(rolePolicyOf(plan, names.enrichmentSchedulerRole), "StartEnrichmentJob").Resource, [`arn:aws:glue:us-east-1:123456789012:job/${names.enrichmentJob}`]);
  });

  it("runs a Glue 5 job with bookmarks, SILVER in and STAGING out, workers from load", () => {
    const job = one(plan.resources, "aws:glue/job:Job");
    assert.equal(job.inputs.glueVersion, "5.0");
    assert.equal(job.inputs.defaultArguments["--job-bookmark-option"], "job-bookmark-enable");
    assert.equal(job.inputs.defaultArguments["--silver_path"], "s3://tlm-prod-silver-123456789012-us-east-1/silver/");
    assert.equal(job.inputs.defaultArguments["--staging_path"], "s3://tlm-prod-staging-123456789012-us-east-1/staging/events/");
    assert.equal(job.inputs.defaultArguments["--staging_database"], "tlm_prod_lake");
    assert.equal(job.inputs.defaultArguments["--staging_table"], "staging_events");
    assert.equal(job.inputs.defaultArguments["--geo_lookup_path"], "s3://tlm-prod-artifacts-123456789012-us-east-1/glue/lookups/geo.csv");
    assert.equal(job.inputs.defaultArguments["--extra-py-files"], "s3://tlm-prod-artifacts-123456789012-us-east-1/glue/enrichment.py");
    assert.equal(job.inputs.command.scriptLocation, "s3://tlm-prod-artifacts-123456789012-us-east-1/glue/enrich_silver.py");
    // 35,000 × 1,024 × 3,600 B per hour ÷ 10 GiB per worker-hour → 13 workers.
    assert.equal(job.inputs.numberOfWorkers, 13);
    const doc = rolePolicyOf(plan, names.enrichmentRole);
    assert.deepEqual(statement(doc, "SilverReadObjects").Resource, ["arn:aws:s3:::tlm-prod-silver-123456789012-us-east-1/silver/*"]);
    assert.deepEqual(statement(doc, "StagingObjectsReadWriteDelete").Resource, ["arn:aws:s3:::tlm-prod-staging-123456789012-us-east-1/staging/*"]);
    assert.deepEqual(statement(doc, "JobReadArtifacts").Resource, ["enrich_silver.py", "enrichment.py", "lookups/geo.csv", "lookups/devices.csv"].map((k) => `arn:aws:s3:::tlm-prod-artifacts-123456789012-us-east-1/glue/${k}`));
    assert.deepEqual(statement(doc, "CatalogReadWrite").Resource, [
      "arn:aws:glue:us-east-1:123456789012:catalog",
      "arn:aws:glue:us-east-1:123456789012:database/tlm_prod_lake",
      "arn:aws:glue:us-east-1:123456789012:table/tlm_prod_lake/*",
    ]);
  });

  it("keeps Redshift private: not public, in the VPC's private subnets, 5439 only from the clients group", () => {
    const workgroup = one(plan.resources, "aws:redshiftserverless/workgroup:Workgroup");
    const subnets = ofType(plan.resources, "aws:ec2/subnet:Subnet");
    // Private subnets are the ones associated with the network's private route table.
    const privateIds = ofType(plan.resources, "aws:ec2/routeTableAssociation:RouteTableAssociation").filter((r) => /-private-\d-routes$/.test(r.name)).map((r) => r.inputs.subnetId);
    assert.equal(workgroup.inputs.publiclyAccessible, false);
    assert.equal(workgroup.inputs.enhancedVpcRouting, true);
    assert.equal(subnets.filter((s) => s.inputs.tags.tier === "public").length, 0, "no public subnets in the heavy VPC");
    assert.equal(privateIds.length, 3);
    assert.deepEqual([...workgroup.inputs.subnetIds].sort(), [...privateIds].sort());
    assert.equal(workgroup.inputs.baseCapacity, plan.config.heavy.redshiftBaseCapacity);
    const ingress = ofType(plan.resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.fromPort === 5439);
    assert.equal(ingress.length, 1);
    assert.equal(ingress[0].inputs.securityGroupId, workgroup.inputs.securityGroupIds[0]);
    assert.equal(ingress[0].inputs.cidrIpv4, undefined);
    const namespace = one(plan.resources, "aws:redshiftserverless/namespace:Namespace");
    assert.equal(namespace.inputs.manageAdminPassword, true);
    assert.match(namespace.inputs.kmsKeyId, /^arn:aws:kms:/);
    assert.equal(namespace.protect, true);
  });

  it("keeps the DynamoDB GOLD table on demand, CMK-encrypted, with PITR and protection", () => {
    const table = ofType(plan.resources, "aws:dynamodb/table:Table").find((t) => t.inputs.name === names.goldTable)!;
    assert.equal(table.inputs.billingMode, "PAY_PER_REQUEST");
    assert.equal(table.inputs.serverSideEncryption.enabled, true);
    assert.match(table.inputs.serverSideEncryption.kmsKeyArn, /^arn:aws:kms:/);
    assert.equal(table.inputs.pointInTimeRecovery.enabled, true);
    assert.equal(table.inputs.deletionProtectionEnabled, true);
  });

  it("gives the warehouse loader the workgroup, the managed secret and its lake prefixes only", () => {
    const fn = ofType(plan.resources, "aws:lambda/function:Function").find((f) => f.inputs.name === names.loaderFunction)!;
    const env = fn.inputs.environment.variables;
    const namespace = one(plan.resources, "aws:redshiftserverless/namespace:Namespace");
    assert.equal(env.REDSHIFT_WORKGROUP, names.redshiftWorkgroup);
    assert.equal(env.REDSHIFT_SECRET_ARN, `arn:aws:secretsmanager:us-east-1:123456789012:secret:redshift!${namespace.inputs.namespaceName}-admin-AbCdEf`);
    assert.equal(env.INCOMING_PREFIX, GOLD_PREFIXES.warehouseIncoming);
    assert.equal(env.COPY_ROLE_ARN, `arn:aws:iam::123456789012:role/${names.redshiftCopyRole}`);
    const doc = rolePolicyOf(plan, `${names.loaderFunction}-role`);
    assert.match(statement(doc, "RunStatements").Resource[0], /^arn:aws:redshift-serverless:us-east-1:123456789012:workgroup\//);
    assert.deepEqual(statement(doc, "ReadAdminSecret").Resource, [env.REDSHIFT_SECRET_ARN]);
    assert.deepEqual(statement(doc, "ReadOwnStatements").Condition, { StringEquals: { "redshift-data:statement-owner-iam-userid": "${aws:userid}" } });
    const loaderSchedule = ofType(plan.resources, "aws:scheduler/schedule:Schedule").find((s) => s.inputs.name === names.loaderSchedule)!;
    assert.equal(loaderSchedule.inputs.target.arn, `arn:aws:lambda:us-east-1:123456789012:function:${names.loaderFunction}`);
  });

  it("alarms on Flink, the GOLD batch, the Glue job and the loader, all to the alert topic", () => {
    const alarms = ofType(plan.resources, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => String(a.inputs.name).startsWith(names.alarmPrefix));
    const byId = (id: string) => alarms.find((a) => a.inputs.name === `${names.alarmPrefix}-${id}`)!;
    assert.deepEqual(alarms.map((a) => a.inputs.name.slice(names.alarmPrefix.length + 1)).sort(), [
      "dead-letter-rate",
      "enrichment-failed",
      "flink-behind-latest",
      "flink-downtime",
      "flink-failed-checkpoints",
      "gold-batch-failed",
      "gold-batch-timed-out",
      "warehouse-load-failed",
    ]);
    for (const alarm of alarms) assert.deepEqual(alarm.inputs.alarmActions, ["arn:aws:sns:us-east-1:123456789012:tlm-prod-alerts"]);
    assert.deepEqual(byId("flink-downtime").inputs.dimensions, { Application: names.flinkApplication });
    assert.equal(byId("flink-behind-latest").inputs.threshold, plan.config.alerts.iteratorAgeSeconds * 1000);
    assert.deepEqual(byId("gold-batch-failed").inputs.dimensions, { StateMachineArn: `arn:aws:states:us-east-1:123456789012:stateMachine:${names.stateMachine}` });
    assert.equal(byId("enrichment-failed").inputs.dimensions.JobName, names.enrichmentJob);
    assert.deepEqual(byId("warehouse-load-failed").inputs.dimensions, { FunctionName: names.loaderFunction });
    const rate = byId("dead-letter-rate").inputs;
    assert.equal(rate.threshold, plan.config.alerts.deadLetterRatePercent);
    const streamsIn = Object.fromEntries(rate.metricQueries.filter((q: any) => q.metric).map((q: any) => [q.id, q.metric.dimensions.StreamName]));
    assert.deepEqual(streamsIn, { raw: "prod-client-game_event-raw", deadletter: "prod-client-game_event-dead-letter" });
    const checkpoints = byId("flink-failed-checkpoints").inputs.metricQueries;
    assert.equal(checkpoints[0].expression, "DIFF(failed)");
    assert.equal(checkpoints[1].metric.metricName, "numberOfFailedCheckpoints");
  });

  it("adds no Grafana or RDS unless configured", () => {
    assert.equal(ofType(plan.resources, "aws:grafana/workspace:Workspace").length, 0);
    assert.equal(ofType(plan.resources, "aws:rds/instance:Instance").length, 0);
  });

  it("has no IAM policy statement id twice in any heavy-tier role", () => {
    for (const policy of ofType(plan.resources, "aws:iam/rolePolicy:RolePolicy")) {
      const sids = policyDocument(policy).Statement.map((s) => s.Sid).filter(Boolean);
      assert.equal(new Set(sids).size, sids.length, `${policy.name}: ${sids.join(", ")}`);
    }
  });
});
