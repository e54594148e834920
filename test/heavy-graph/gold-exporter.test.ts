/** The gold-exporter Lambda in the heavy-tier graph: invoked by the GOLD state machine, fed the right table, role scoped. */
import assert from "node:assert/strict";
import { heavyNames } from "../../components/aws/heavy/heavy-names";
import { STATE_NAMES } from "../../components/heavy/state-machine";
import { namesFor } from "../../components/naming";
import { MOCK_ACCOUNT, MOCK_REGION } from "../../scripts/plan/mock-state";
import { ofType, one, policyDocument } from "../support/resources";
import { planHeavy, type HeavyPlan } from "./heavy-fixture";

const names = heavyNames(namesFor("prod"));
const GOLD_BUCKET = `tlm-prod-gold-${MOCK_ACCOUNT}-${MOCK_REGION}`;
const exporterArn = `arn:aws:lambda:${MOCK_REGION}:${MOCK_ACCOUNT}:function:${names.goldExporterFunction}`;

function rolePolicy(plan: HeavyPlan, roleName: string): { Statement: Array<Record<string, any>> } {
  const role = ofType(plan.resources, "aws:iam/role:Role").find((r) => r.inputs.name === roleName);
  assert.ok(role, `role ${roleName}`);
  const policy = ofType(plan.resources, "aws:iam/rolePolicy:RolePolicy").find((p) => p.inputs.role === roleName || p.inputs.role === role!.inputs.name);
  assert.ok(policy, `policy of ${roleName}`);
  return policyDocument(policy!);
}

describe("GOLD exporter (DynamoDB fast-access table writer)", () => {
  let plan: HeavyPlan;
  before(async () => {
    plan = await planHeavy("kinesis");
  });

  it("is a Lambda configured with the fast-access table, the Athena result prefix and the GOLD retention as TTL", () => {
    const fn = ofType(plan.resources, "aws:lambda/function:Function").find((f) => f.inputs.name === names.goldExporterFunction);
    assert.ok(fn);
    const table = one(plan.resources, "aws:dynamodb/table:Table", "-player-daily");
    const vars = fn!.inputs.environment.variables;
    assert.equal(vars.TABLE_NAME, table.inputs.name);
    assert.equal(vars.RESULT_BUCKET, GOLD_BUCKET);
    assert.equal(vars.RESULT_PREFIX, "athena-results/");
    assert.equal(vars.TTL_DAYS, String(plan.config.retention.zones.gold));
    // The item key and TTL the exporter writes are the table's.
    assert.equal(table.inputs.hashKey, "player_id");
    assert.equal(table.inputs.rangeKey, "metric_date");
    assert.deepEqual(table.inputs.ttl, { attributeName: "expires_at", enabled: true });
    assert.equal(fn!.inputs.timeout, 900);
  });

  it("is invoked by the GOLD state machine after the player-daily SELECT, with its result location", () => {
    const definition = JSON.parse(one(plan.resources, "aws:sfn/stateMachine:StateMachine").inputs.definition);
    const select = definition.States[STATE_NAMES.selectPlayerDaily];
    assert.equal(select.Next, STATE_NAMES.exportPlayerDaily);
    assert.match(select.Parameters["QueryString.$"], /FROM tlm_prod_gold\.user_daily_metrics/);
    assert.equal(select.ResultSelector["OutputLocation.$"], "$.QueryExecution.ResultConfiguration.OutputLocation");
    const invoke = definition.States[STATE_NAMES.exportPlayerDaily];
    assert.equal(invoke.Resource, "arn:aws:states:::lambda:invoke");
    assert.equal(invoke.Parameters.FunctionName, exporterArn);
    assert.equal(invoke.Parameters.Payload["result_location.$"], "$.queries.player_daily_select.OutputLocation");
    assert.equal(invoke.Next, STATE_NAMES.succeeded);
  });

  it("lets the state machine invoke only the exporter", () => {
    const invoke = rolePolicy(plan, names.stateMachineRole).Statement.filter((s) => [s.Action].flat().includes("lambda:InvokeFunction"));
    assert.deepEqual(invoke.map((s) => s.Resource), [[exporterArn]]);
  });

  it("scopes the exporter's role to BatchWriteItem on the table, reads of Athena results and the key via DynamoDB/S3", () => {
    const table = one(plan.resources, "aws:dynamodb/table:Table", "-player-daily");
    const doc = rolePolicy(plan, `${names.goldExporterFunction}-role`);
    const dynamo = doc.Statement.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("dynamodb:")));
    assert.deepEqual(dynamo.map((s) => [s.Action, s.Resource]), [[["dynamodb:BatchWriteItem"], [`arn:aws:dynamodb:${MOCK_REGION}:${MOCK_ACCOUNT}:table/${table.inputs.name}`]]]);
    const s3 = doc.Statement.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("s3:")));
    assert.deepEqual(s3.map((s) => [s.Action, s.Resource]), [[["s3:GetObject"], [`arn:aws:s3:::${GOLD_BUCKET}/athena-results/*`]]]);
    const kms = doc.Statement.find((s) => s.Sid === "PipelineKeyUseKeyViaServices")!;
    assert.deepEqual(kms.Condition.StringEquals["kms:ViaService"], [`dynamodb.${MOCK_REGION}.amazonaws.com`, `s3.${MOCK_REGION}.amazonaws.com`]);
    assert.equal(doc.Statement.some((s) => [s.Resource].flat().includes("*") && ![s.Action].flat().every((a: string) => a.startsWith("logs:") || a.startsWith("xray:"))), false);
  });
});
