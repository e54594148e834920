/**
 * Every IAM statement in the aws-native plans: one role per function/service, each with one scoped
 * inline policy; no `*` action; no `*` resource unless the wildcard allow-list covers the statement;
 * and the exact actions/resources of the roles that touch data.
 */
import assert from "node:assert/strict";
import { isAllowedWildcard } from "../../components/aws/iam/wildcard-allow-list";
import { ofType, one, policyDocument } from "../support/resources";
import { lightTierPlan } from "../support/stack-plans";
import {
  arnOfBucket,
  arnOfLogGroup,
  arnOfStream,
  arnOfTable,
  asList,
  bucketFor,
  fnNamed,
  granting,
  resourcesFor,
  roleStatements,
  streamNamed,
  T,
  type Statement,
} from "./plan-queries";

for (const stack of ["dev", "prod"] as const) {
  describe(`aws-native IAM: ${stack}`, () => {
    const plan = () => lightTierPlan(stack);

    it("no statement grants * actions, and * resources only where the allow-list says AWS requires them", async () => {
      const { resources } = await plan();
      const policies = ofType(resources, T.rolePolicy);
      assert.ok(policies.length >= 8);
      for (const policy of policies) {
        for (const s of policyDocument(policy).Statement as Statement[]) {
          for (const action of asList(s.Action)) assert.ok(!action.includes("*") || action === "kms:GenerateDataKey*", `${policy.name}: action ${action}`);
          if (asList(s.Resource).includes("*")) assert.ok(isAllowedWildcard(s as any), `${policy.name}: ${JSON.stringify(s)}`);
          for (const resource of asList(s.Resource)) assert.ok(resource === "*" || resource.startsWith("arn:aws:"), `${policy.name}: ${resource}`);
        }
      }
    });

    it("every role has exactly one inline policy and trusts exactly one service", async () => {
      const { resources } = await plan();
      for (const role of ofType(resources, T.role)) {
        assert.equal(ofType(resources, T.rolePolicy).filter((p) => p.inputs.role === role.inputs.name).length, 1, role.inputs.name);
        const trust = JSON.parse(role.inputs.assumeRolePolicy);
        assert.equal(trust.Statement.length, 1);
        assert.equal(typeof trust.Statement[0].Principal.Service, "string");
        assert.ok(role.inputs.name.length <= 64);
      }
    });

    it("each Lambda function has its own role", async () => {
      const { resources } = await plan();
      const roles = ofType(resources, T.fn).map((f) => f.inputs.role);
      assert.equal(new Set(roles).size, roles.length);
    });

    it("the processor: read raw, write clean + dead-letter, claim keys in the dedup table, report failures", async () => {
      const { resources } = await plan();
      const processor = fnNamed(resources, "-processor");
      const statements = roleStatements(resources, processor.inputs.role);
      const raw = arnOfStream(streamNamed(resources, "raw"));
      const dedup = one(resources.filter((r) => r.type === T.table && String(r.inputs.name).endsWith("-dedup")), T.table);
      assert.deepEqual(resourcesFor(statements, "kinesis:GetRecords"), [raw]);
      assert.deepEqual(resourcesFor(statements, "kinesis:PutRecords"), [arnOfStream(streamNamed(resources, "clean")), arnOfStream(streamNamed(resources, "dead-letter"))].sort());
      assert.ok(!resourcesFor(statements, "kinesis:PutRecords").includes(raw), "the processor never writes raw");
      for (const action of ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]) assert.deepEqual(resourcesFor(statements, action), [arnOfTable(dedup)], action);
      assert.deepEqual(resourcesFor(statements, "dynamodb:DeleteItem"), []);
      assert.deepEqual(resourcesFor(statements, "sqs:SendMessage"), [`arn:aws:sqs:us-east-1:123456789012:${one(resources, T.queue).inputs.name}`]);
      const logGroup = one(resources.filter((r) => r.type === T.logGroup && r.inputs.name === `/aws/lambda/${processor.inputs.name}`), T.logGroup);
      assert.deepEqual(resourcesFor(statements, "logs:PutLogEvents"), [`${arnOfLogGroup(logGroup)}:*`]);
    });

    it("KMS use is always on the pipeline key and always through a named service", async () => {
      const { resources } = await plan();
      for (const policy of ofType(resources, T.rolePolicy)) {
        const statements = policyDocument(policy).Statement as Statement[];
        for (const s of [...granting(statements, "kms:Decrypt"), ...granting(statements, "kms:GenerateDataKey")]) {
          for (const r of asList(s.Resource)) assert.match(r, /^arn:aws:kms:us-east-1:123456789012:key\/mrk-/);
          const via = asList(s.Condition?.StringEquals?.["kms:ViaService"] ?? []);
          assert.ok(via.length > 0 && via.every((v: string) => /^[a-z0-9]+\.us-east-1\.amazonaws\.com$/.test(v)), `${policy.name}: ${JSON.stringify(s.Condition)}`);
        }
      }
    });

    it("only the RAW and SILVER deliveries write to the lake, each to its own prefixes", async () => {
      const { resources } = await plan();
      const writers = new Map<string, string[]>();
      for (const policy of ofType(resources, T.rolePolicy)) {
        const puts = resourcesFor(policyDocument(policy).Statement as Statement[], "s3:PutObject");
        if (puts.length) writers.set(policy.inputs.role, puts);
      }
      const raw = arnOfBucket(bucketFor(resources, stack, "raw"));
      const silver = arnOfBucket(bucketFor(resources, stack, "silver"));
      assert.deepEqual([...writers.values()].sort(), [
        [`${raw}/dead-letter-errors/*`, `${raw}/dead-letter/*`],
        [`${raw}/raw-errors/*`, `${raw}/raw/*`],
        [`${silver}/silver-errors/*`, `${silver}/silver/*`],
      ]);
    });

    it("the API Gateway logging role writes only this API's two log groups", async () => {
      const { resources } = await plan();
      const account = one(resources, "aws:apigateway/account:Account");
      const statements = roleStatements(resources, account.inputs.cloudwatchRoleArn);
      const groups = ofType(resources, T.logGroup).filter((g) => /^(\/aws\/apigateway\/|API-Gateway-Execution-Logs_)/.test(g.inputs.name));
      assert.equal(groups.length, 2);
      assert.deepEqual(resourcesFor(statements, "logs:PutLogEvents"), groups.map((g) => `${arnOfLogGroup(g)}:*`).sort());
    });
  });
}
