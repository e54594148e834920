/** The GOLD batch's ASL definition: valid States-language shape, the right jobs/queries in order, retries and the alert path. */
import assert from "node:assert/strict";
import {
  buildGoldStateMachineDefinition,
  goldStateMachineDefinitionJson,
  goldStateMachineTargets,
  queryStateName,
  STATE_NAMES,
  type GoldStateMachineArgs,
  type State,
} from "../../components/heavy/state-machine";
import { GOLD_QUERIES, renderGoldQuery } from "../../sql/gold/gold-queries";
import { validateStateMachine } from "./asl-shape";
import { evaluateStatesFormat } from "./states-format-eval";
import { SAMPLE_VALUES } from "./gold-fixtures";

const ARGS: GoldStateMachineArgs = {
  alertTopicArn: "arn:aws:sns:us-east-1:123456789012:telemetry-alerts",
  athenaWorkgroup: "telemetry-gold",
  athenaOutputLocation: "s3://telemetry-athena-results/gold/",
  sql: SAMPLE_VALUES,
  enrichment: { engine: "glue", jobName: "telemetry-enrich-silver" },
};

/** Follows Next (and a Choice's first rule) from `start` until a terminal state. */
function happyPath(states: Record<string, State>, start: string): string[] {
  const path: string[] = [];
  let current: string | undefined = start;
  while (current && path.length < 100) {
    path.push(current);
    const state: State = states[current];
    current = state.Type === "Choice" ? (state.Choices as Array<{ Next: string }>)[0].Next : (state.Next as string | undefined);
  }
  return path;
}

describe("GOLD state machine definition", () => {
  const definition = buildGoldStateMachineDefinition(ARGS);

  it("is valid States-language JSON for both enrichment engines", () => {
    assert.deepEqual(validateStateMachine(JSON.parse(goldStateMachineDefinitionJson(ARGS))), []);
    const emr = buildGoldStateMachineDefinition({
      ...ARGS,
      enrichment: { engine: "emr-serverless", applicationId: "00fabc123", executionRoleArn: "arn:aws:iam::123456789012:role/emr", entryPoint: "s3://code/enrich_silver.py" },
    });
    assert.deepEqual(validateStateMachine(JSON.parse(JSON.stringify(emr))), []);
    assert.equal(emr.States[STATE_NAMES.enrich].Resource, "arn:aws:states:::emr-serverless:startJobRun.sync");
  });

  it("runs enrichment, then every GOLD query in file order with the quality gate before the export", () => {
    const expected = [
      STATE_NAMES.resolveRunDate,
      STATE_NAMES.checkRunDate,
      STATE_NAMES.enrich,
      ...GOLD_QUERIES.flatMap((q) => (q.role === "check" ? [queryStateName(q), STATE_NAMES.readQuality, STATE_NAMES.qualityPassed] : [queryStateName(q)])),
      STATE_NAMES.succeeded,
    ];
    assert.deepEqual(happyPath(definition.States, definition.StartAt), expected);
    const enrich = definition.States[STATE_NAMES.enrich];
    assert.equal(enrich.Resource, "arn:aws:states:::glue:startJobRun.sync");
    assert.deepEqual(enrich.Parameters, { JobName: "telemetry-enrich-silver" });
  });

  it("each Athena step runs its SQL file with the execution's run date and id spliced in", () => {
    const state = { run_date: "2024-03-05", run_id: "exec-42" };
    for (const query of GOLD_QUERIES) {
      const task = definition.States[queryStateName(query)];
      assert.equal(task.Resource, "arn:aws:states:::athena:startQueryExecution.sync");
      const params = task.Parameters as Record<string, any>;
      assert.equal(params.WorkGroup, "telemetry-gold");
      assert.deepEqual(params.QueryExecutionContext, { Catalog: "AwsDataCatalog", Database: "telemetry_gold" });
      assert.deepEqual(params.ResultConfiguration, { OutputLocation: "s3://telemetry-athena-results/gold/" });
      const sql = params["QueryString.$"] !== undefined ? evaluateStatesFormat(params["QueryString.$"], state) : params.QueryString;
      assert.equal(sql, renderGoldQuery(query, { ...SAMPLE_VALUES, ...state }).trim(), query.file);
    }
  });

  it("retries Athena throttling with exponential backoff and sends every failure to the SNS alert, then fails", () => {
    for (const query of GOLD_QUERIES) {
      const retry = definition.States[queryStateName(query)].Retry as Array<Record<string, any>>;
      const throttling = retry.find((r) => r.ErrorEquals.includes("Athena.TooManyRequestsException"));
      assert.ok(throttling && throttling.BackoffRate > 1 && throttling.MaxAttempts >= 3, query.name);
    }
    const tasks = Object.entries(definition.States).filter(([name, s]) => s.Type === "Task" && name !== STATE_NAMES.notifyFailure);
    assert.ok(tasks.length >= GOLD_QUERIES.length + 2);
    for (const [name, task] of tasks) {
      assert.deepEqual(task.Catch, [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: STATE_NAMES.notifyFailure }], name);
    }
    const notify = definition.States[STATE_NAMES.notifyFailure];
    assert.equal(notify.Resource, "arn:aws:states:::sns:publish");
    assert.equal((notify.Parameters as Record<string, string>).TopicArn, ARGS.alertTopicArn);
    assert.equal(notify.Next, STATE_NAMES.failed);
    assert.equal(definition.States[STATE_NAMES.failed].Type, "Fail");
    // the quality gate and a bad run date also end in the alert
    assert.equal(definition.States[STATE_NAMES.qualityPassed].Default, STATE_NAMES.qualityFailed);
    assert.equal(definition.States[STATE_NAMES.qualityFailed].Next, STATE_NAMES.notifyFailure);
    assert.equal(definition.States[STATE_NAMES.checkRunDate].Default, STATE_NAMES.invalidRunDate);
    assert.equal(definition.States[STATE_NAMES.invalidRunDate].Next, STATE_NAMES.notifyFailure);
  });

  it("reads the quality query's row from the execution that ran it", () => {
    const check = GOLD_QUERIES.find((q) => q.role === "check")!;
    const read = definition.States[STATE_NAMES.readQuality];
    assert.equal((read.Parameters as Record<string, string>)["QueryExecutionId.$"], `$.queries.${check.name}.QueryExecutionId`);
    assert.equal(definition.States[queryStateName(check)].ResultPath, `$.queries.${check.name}`);
  });

  it("rejects names that are not ARNs or valid identifiers", () => {
    assert.throws(() => buildGoldStateMachineDefinition({ ...ARGS, alertTopicArn: "arn:aws:sqs:us-east-1:123456789012:q" }), /not an SNS topic ARN/);
    assert.throws(() => buildGoldStateMachineDefinition({ ...ARGS, athenaWorkgroup: "bad name" }), /athenaWorkgroup/);
    assert.throws(() => buildGoldStateMachineDefinition({ ...ARGS, sql: { ...SAMPLE_VALUES, gold_database: "Gold-DB" } }), /Glue database name/);
  });
});

describe("GOLD state machine with the player-daily exporter", () => {
  const exporterArn = "arn:aws:lambda:us-east-1:123456789012:function:tlm-prod-gold-exporter";
  const withExport: GoldStateMachineArgs = { ...ARGS, playerDailyExport: { functionArn: exporterArn } };
  const definition = buildGoldStateMachineDefinition(withExport);

  it("stays valid States-language and ends with the SELECT and the exporter after every GOLD query", () => {
    assert.deepEqual(validateStateMachine(JSON.parse(goldStateMachineDefinitionJson(withExport))), []);
    const path = happyPath(definition.States, definition.StartAt);
    const lastQuery = queryStateName(GOLD_QUERIES[GOLD_QUERIES.length - 1]);
    assert.deepEqual(path.slice(path.indexOf(lastQuery)), [lastQuery, STATE_NAMES.selectPlayerDaily, STATE_NAMES.exportPlayerDaily, STATE_NAMES.succeeded]);
    // without an exporter the batch ends after the SQL files, as before
    assert.equal(buildGoldStateMachineDefinition(ARGS).States[lastQuery].Next, STATE_NAMES.succeeded);
    assert.equal(buildGoldStateMachineDefinition(ARGS).States[STATE_NAMES.exportPlayerDaily], undefined);
  });

  it("selects the run date's user_daily_metrics rows and keeps the result file's location", () => {
    const select = definition.States[STATE_NAMES.selectPlayerDaily];
    const params = select.Parameters as Record<string, any>;
    assert.equal(params.WorkGroup, ARGS.athenaWorkgroup);
    const sql = evaluateStatesFormat(params["QueryString.$"], { run_date: "2024-03-05", run_id: "exec-42" });
    assert.match(sql, new RegExp(`^SELECT[\\s\\S]*FROM ${SAMPLE_VALUES.gold_database}\\.user_daily_metrics\\s+WHERE metric_date = DATE '2024-03-05'`, "m"));
    assert.deepEqual(select.ResultSelector, {
      "QueryExecutionId.$": "$.QueryExecution.QueryExecutionId",
      "State.$": "$.QueryExecution.Status.State",
      "OutputLocation.$": "$.QueryExecution.ResultConfiguration.OutputLocation",
    });
    assert.equal(select.ResultPath, "$.queries.player_daily_select");
  });

  it("invokes the exporter with the run date, run id and that location; retries Lambda errors and throttled writes; alerts on failure", () => {
    const invoke = definition.States[STATE_NAMES.exportPlayerDaily];
    assert.equal(invoke.Resource, "arn:aws:states:::lambda:invoke");
    assert.deepEqual(invoke.Parameters, {
      FunctionName: exporterArn,
      Payload: { "run_date.$": "$.run_date", "run_id.$": "$.run_id", "result_location.$": "$.queries.player_daily_select.OutputLocation" },
    });
    const retry = invoke.Retry as Array<Record<string, any>>;
    const service = retry.find((r) => r.ErrorEquals.includes("Lambda.ServiceException"))!;
    assert.ok(service.ErrorEquals.includes("Lambda.TooManyRequestsException") && service.BackoffRate > 1);
    assert.ok(retry.some((r) => r.ErrorEquals.includes("UnprocessedItemsError")));
    // a row the exporter rejects is not retried: it goes to the alert
    assert.equal(retry.some((r) => r.ErrorEquals.includes("RejectedRowsError") || r.ErrorEquals.includes("States.ALL")), false);
    assert.deepEqual(invoke.Catch, [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: STATE_NAMES.notifyFailure }]);
    assert.equal(goldStateMachineTargets(withExport).exporterFunctionArn, exporterArn);
  });

  it("refuses an exporter that is not an unqualified Lambda function ARN", () => {
    for (const functionArn of [`${exporterArn}:live`, "arn:aws:sns:us-east-1:123456789012:topic", "tlm-prod-gold-exporter"]) {
      assert.throws(() => buildGoldStateMachineDefinition({ ...ARGS, playerDailyExport: { functionArn } }), /not an unqualified Lambda function ARN/, functionArn);
    }
  });
});

describe("States-language validator", () => {
  const valid = () => JSON.parse(goldStateMachineDefinitionJson(ARGS));

  it("reports dangling transitions, unreachable states and missing terminals", () => {
    const d = valid();
    d.States[STATE_NAMES.enrich].Next = "NoSuchState";
    assert.ok(validateStateMachine(d).some((p) => p.includes(`${STATE_NAMES.enrich}.Next → "NoSuchState" is not a state`)));
    const orphan = valid();
    orphan.States.Orphan = { Type: "Succeed" };
    assert.deepEqual(validateStateMachine(orphan), ["Orphan is not reachable from StartAt"]);
    const loop = { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } } };
    assert.deepEqual(validateStateMachine(loop), ["no terminal state is reachable"]);
  });

  it("reports bad Retry fields, non-path .$ values and JSONPath fields in JSONata states", () => {
    const d = valid();
    const athena = d.States[queryStateName(GOLD_QUERIES[0])];
    athena.Retry = [{ ErrorEquals: ["States.ALL", "States.TaskFailed"], BackoffRate: 0.5, IntervalSeconds: 0 }];
    athena.Parameters["WorkGroup.$"] = "not-a-path";
    d.States[STATE_NAMES.resolveRunDate].Parameters = {};
    const problems = validateStateMachine(d);
    assert.ok(problems.some((p) => p.includes("States.ALL must appear alone")), problems.join("\n"));
    assert.ok(problems.some((p) => p.includes("BackoffRate must be a number >= 1")));
    assert.ok(problems.some((p) => p.includes("IntervalSeconds must be an integer >= 1")));
    assert.ok(problems.some((p) => p.includes("WorkGroup.$ must be a JSONPath")));
    assert.ok(problems.some((p) => p.includes(`${STATE_NAMES.resolveRunDate}: Parameters is not allowed in a JSONata state`)));
  });

  it("reports a Task and Choice without a way on", () => {
    const d = valid();
    delete d.States[STATE_NAMES.enrich].Next;
    d.States[STATE_NAMES.qualityPassed].Choices[0].NumericEquals = 1;
    const problems = validateStateMachine(d);
    assert.ok(problems.includes(`${STATE_NAMES.enrich} must have exactly one of Next or End: true`));
    assert.ok(problems.some((p) => p.includes("exactly one comparison operator")));
  });
});
