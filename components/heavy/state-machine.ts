/**
 * Pure builder of the GOLD batch's Step Functions definition (Amazon States Language): no Pulumi
 * resources, so the component can call it inside an `apply` with resolved names and the tests can
 * inspect every state.
 *
 * Flow: resolve the run date → enrichment job (Glue `startJobRun.sync`, or EMR Serverless) →
 * the GOLD SQL files in order (Athena `startQueryExecution.sync` each) → read the data-quality
 * query's row and stop unless it passed → export → (when a player-daily exporter is given) select the
 * run date's per-player aggregates on Athena and invoke the gold-exporter Lambda with the result CSV's
 * location, which writes them into the DynamoDB fast-access table → succeed. Any failure goes to one
 * catch path: publish the state and the error to the SNS alert topic, then fail the execution.
 *
 * Run date: an execution input `{"run_date":"YYYY-MM-DD"}` re-runs that day; without it the day
 * before the execution's start (UTC) is used. JSONPath has no date arithmetic, so that one Pass state
 * is written in JSONata; every other state uses JSONPath. The date is spliced into SQL, so it is
 * checked against YYYY-MM-DD first and a bad value goes to the alert path.
 */
import {
  GOLD_QUERIES,
  readGoldSql,
  renderPlaceholders,
  RUNTIME_PLACEHOLDERS,
  statesFormatExpression,
  type GoldQuery,
  type GoldSqlValues,
} from "../../sql/gold/gold-queries";
import { PLAYER_DAILY_SELECT_SQL } from "../../functions/gold-exporter/player-daily-query";

export type EnrichmentStep =
  | { engine: "glue"; jobName: string }
  | { engine: "emr-serverless"; applicationId: string; executionRoleArn: string; entryPoint: string; entryPointArguments?: string[]; sparkSubmitParameters?: string };

export interface GoldStateMachineArgs {
  alertTopicArn: string;
  athenaWorkgroup: string;
  /** Where Athena writes query results; omit when the workgroup enforces its own location. */
  athenaOutputLocation?: string;
  /** Deploy-time values of the SQL placeholders (databases, staging table, GOLD locations). */
  sql: GoldSqlValues;
  enrichment: EnrichmentStep;
  /** Folder holding the SQL files (default: the repo's sql/gold). */
  sqlDirectory?: string;
  /** The gold-exporter Lambda that fills the DynamoDB fast-access table; without it the batch ends after the SQL files. */
  playerDailyExport?: { functionArn: string };
}

export type State = Record<string, unknown> & { Type: string };
export interface StateMachineDefinition {
  Comment: string;
  StartAt: string;
  States: Record<string, State>;
}

/** Result key (`$.queries.<name>`) of the player-daily SELECT. */
const PLAYER_DAILY_QUERY = "player_daily_select";

export const STATE_NAMES = {
  resolveRunDate: "ResolveRunDate",
  checkRunDate: "CheckRunDate",
  invalidRunDate: "InvalidRunDate",
  enrich: "EnrichSilverToStaging",
  readQuality: "ReadDataQualityResult",
  qualityPassed: "DataQualityPassed",
  qualityFailed: "DataQualityFailed",
  selectPlayerDaily: `Athena_${PLAYER_DAILY_QUERY}`,
  exportPlayerDaily: "ExportPlayerDailyToDynamoDB",
  notifyFailure: "NotifyFailure",
  failed: "GoldBatchFailed",
  succeeded: "GoldBatchSucceeded",
} as const;

export function queryStateName(query: GoldQuery): string {
  return `Athena_${query.name}`;
}

/** Athena throttling and service errors: back off and retry (full jitter so parallel executions spread out). */
export const ATHENA_RETRY = [
  {
    ErrorEquals: ["Athena.TooManyRequestsException", "Athena.InternalServerException", "Athena.AmazonAthenaException"],
    IntervalSeconds: 5,
    MaxAttempts: 8,
    BackoffRate: 2,
    MaxDelaySeconds: 300,
    JitterStrategy: "FULL",
  },
  // A failed query (States.TaskFailed from .sync): one slower retry covers transient causes such as
  // S3 slow-downs or "query exhausted resources"; a broken query then fails into the catch path.
  { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 60, MaxAttempts: 1, BackoffRate: 2 },
];

export const ENRICHMENT_RETRY = {
  glue: [
    {
      ErrorEquals: ["Glue.ConcurrentRunsExceededException", "Glue.ThrottlingException", "Glue.InternalServiceException", "Glue.OperationTimeoutException"],
      IntervalSeconds: 30,
      MaxAttempts: 5,
      BackoffRate: 2,
      MaxDelaySeconds: 600,
      JitterStrategy: "FULL",
    },
  ],
  "emr-serverless": [
    {
      ErrorEquals: ["EMRServerless.ThrottlingException", "EMRServerless.InternalServerException"],
      IntervalSeconds: 30,
      MaxAttempts: 5,
      BackoffRate: 2,
      MaxDelaySeconds: 600,
      JitterStrategy: "FULL",
    },
  ],
};

/**
 * Lambda invoke errors worth another try: the service's transient errors, and the exporter's
 * UnprocessedItemsError (DynamoDB kept throttling; writes are idempotent, so a later full re-run is safe).
 */
export const EXPORTER_RETRY = [
  {
    ErrorEquals: ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: "FULL",
  },
  { ErrorEquals: ["UnprocessedItemsError"], IntervalSeconds: 60, MaxAttempts: 2, BackoffRate: 2 },
];

const CATCH_ALL = [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: STATE_NAMES.notifyFailure }];

/** Day before the execution start unless the input names one; validity is a separate flag for the Choice. */
const RUN_DATE_JSONATA =
  "{% $exists($states.input.run_date) ? $states.input.run_date : " +
  "$fromMillis($toMillis($states.context.Execution.StartTime) - 86400000, '[Y0001]-[M01]-[D01]') %}";
const RUN_DATE_VALID_JSONATA =
  "{% $exists($states.input.run_date) ? ($type($states.input.run_date) = 'string' ? " +
  "$contains($states.input.run_date, /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/) : false) : true %}";

function checkArgs(args: GoldStateMachineArgs): void {
  if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(args.alertTopicArn)) {
    throw new Error(`alertTopicArn ${JSON.stringify(args.alertTopicArn)} is not an SNS topic ARN`);
  }
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(args.athenaWorkgroup)) throw new Error(`athenaWorkgroup ${JSON.stringify(args.athenaWorkgroup)} is not a valid workgroup name`);
  if (args.athenaOutputLocation !== undefined && !/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*$/.test(args.athenaOutputLocation)) {
    throw new Error(`athenaOutputLocation ${JSON.stringify(args.athenaOutputLocation)} must be an s3:// URL`);
  }
  if (args.playerDailyExport && !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/.test(args.playerDailyExport.functionArn)) {
    throw new Error(`playerDailyExport.functionArn ${JSON.stringify(args.playerDailyExport.functionArn)} is not an unqualified Lambda function ARN`);
  }
  if (args.enrichment.engine === "glue" && !/^[\w.-]{1,255}$/.test(args.enrichment.jobName)) {
    throw new Error(`enrichment.jobName ${JSON.stringify(args.enrichment.jobName)} is not a valid Glue job name`);
  }
}

function enrichmentState(step: EnrichmentStep, next: string): State {
  const common = { Retry: ENRICHMENT_RETRY[step.engine], Catch: CATCH_ALL, ResultPath: "$.enrichment", Next: next };
  if (step.engine === "glue") {
    return {
      Type: "Task",
      Comment: "SILVER → STAGING enrichment (Glue job with bookmarks: processes what arrived since its last run)",
      Resource: "arn:aws:states:::glue:startJobRun.sync",
      Parameters: { JobName: step.jobName },
      ResultSelector: { "JobRunId.$": "$.Id", "JobRunState.$": "$.JobRunState" },
      ...common,
    };
  }
  return {
    Type: "Task",
    Comment: "SILVER → STAGING enrichment on EMR Serverless",
    Resource: "arn:aws:states:::emr-serverless:startJobRun.sync",
    Parameters: {
      ApplicationId: step.applicationId,
      ExecutionRoleArn: step.executionRoleArn,
      "Name.$": "$$.Execution.Name",
      JobDriver: {
        SparkSubmit: {
          EntryPoint: step.entryPoint,
          EntryPointArguments: step.entryPointArguments ?? [],
          ...(step.sparkSubmitParameters ? { SparkSubmitParameters: step.sparkSubmitParameters } : {}),
        },
      },
    },
    // The .sync result is small (the job run's ids and state); kept whole rather than guessing field names.
    ...common,
  };
}

function athenaState(args: GoldStateMachineArgs, query: GoldQuery, next: string): State {
  return athenaSqlState(args, { name: query.name, comment: `${query.role}: sql/gold/${query.file}`, sql: readGoldSql(query, args.sqlDirectory), source: query.file }, next);
}

interface AthenaStep {
  name: string;
  comment: string;
  sql: string;
  /** Where the SQL comes from (named in placeholder errors). */
  source: string;
  /** Also keep the result file's S3 URL (for a SELECT whose rows a later step reads). */
  keepOutputLocation?: boolean;
}

function athenaSqlState(args: GoldStateMachineArgs, step: AthenaStep, next: string): State {
  const sql = renderPlaceholders(step.sql, args.sql, RUNTIME_PLACEHOLDERS, step.source).trim();
  const usesRuntimeValues = /\$\{[a-z_]+\}/.test(sql);
  const queryString = usesRuntimeValues
    ? { "QueryString.$": statesFormatExpression(sql, { run_date: "$.run_date", run_id: "$.run_id" }) }
    : { QueryString: sql };
  return {
    Type: "Task",
    Comment: step.comment,
    Resource: "arn:aws:states:::athena:startQueryExecution.sync",
    Parameters: {
      ...queryString,
      WorkGroup: args.athenaWorkgroup,
      QueryExecutionContext: { Catalog: "AwsDataCatalog", Database: args.sql.gold_database },
      ...(args.athenaOutputLocation ? { ResultConfiguration: { OutputLocation: args.athenaOutputLocation } } : {}),
    },
    ResultSelector: {
      "QueryExecutionId.$": "$.QueryExecution.QueryExecutionId",
      "State.$": "$.QueryExecution.Status.State",
      ...(step.keepOutputLocation ? { "OutputLocation.$": "$.QueryExecution.ResultConfiguration.OutputLocation" } : {}),
    },
    ResultPath: `$.queries.${step.name}`,
    Retry: ATHENA_RETRY,
    Catch: CATCH_ALL,
    Next: next,
  };
}

/**
 * After the quality gate and the exports: SELECT the run date's rows of user_daily_metrics (the
 * workgroup writes them as one CSV), then hand that CSV's location to the gold-exporter Lambda.
 */
function playerDailyExportStates(args: GoldStateMachineArgs, functionArn: string): Record<string, State> {
  const select = athenaSqlState(
    args,
    { name: PLAYER_DAILY_QUERY, comment: "per-player aggregates of the run date for the DynamoDB fast-access table", sql: PLAYER_DAILY_SELECT_SQL, source: "player-daily select", keepOutputLocation: true },
    STATE_NAMES.exportPlayerDaily,
  );
  const exportState: State = {
    Type: "Task",
    Comment: "gold-exporter Lambda: result CSV → BatchWriteItem into the fast-access table (idempotent puts)",
    Resource: "arn:aws:states:::lambda:invoke",
    Parameters: {
      FunctionName: functionArn,
      Payload: { "run_date.$": "$.run_date", "run_id.$": "$.run_id", "result_location.$": `$.queries.${PLAYER_DAILY_QUERY}.OutputLocation` },
    },
    ResultSelector: { "rows.$": "$.Payload.rows", "written.$": "$.Payload.written" },
    ResultPath: "$.player_daily_export",
    Retry: EXPORTER_RETRY,
    Catch: CATCH_ALL,
    Next: STATE_NAMES.succeeded,
  };
  return { [STATE_NAMES.selectPlayerDaily]: select, [STATE_NAMES.exportPlayerDaily]: exportState };
}

export function buildGoldStateMachineDefinition(args: GoldStateMachineArgs): StateMachineDefinition {
  checkArgs(args);
  const states: Record<string, State> = {};
  const queryNames = GOLD_QUERIES.map(queryStateName);
  const firstQuery = queryNames[0];

  states[STATE_NAMES.resolveRunDate] = {
    Type: "Pass",
    QueryLanguage: "JSONata",
    Comment: "run_date from the input, else the day before the execution started (UTC)",
    Output: {
      run_date: RUN_DATE_JSONATA,
      run_date_valid: RUN_DATE_VALID_JSONATA,
      run_id: "{% $states.context.Execution.Name %}",
      queries: {},
    },
    Next: STATE_NAMES.checkRunDate,
  };
  states[STATE_NAMES.checkRunDate] = {
    Type: "Choice",
    Choices: [{ Variable: "$.run_date_valid", BooleanEquals: true, Next: STATE_NAMES.enrich }],
    Default: STATE_NAMES.invalidRunDate,
  };
  states[STATE_NAMES.invalidRunDate] = {
    Type: "Pass",
    Parameters: { Error: "InvalidRunDate", "Cause.$": "States.Format('run_date must be YYYY-MM-DD, got {}', States.JsonToString($.run_date))" },
    ResultPath: "$.error",
    Next: STATE_NAMES.notifyFailure,
  };
  states[STATE_NAMES.enrich] = enrichmentState(args.enrichment, firstQuery);

  const afterQueries = args.playerDailyExport ? STATE_NAMES.selectPlayerDaily : STATE_NAMES.succeeded;
  GOLD_QUERIES.forEach((query, i) => {
    const after = i + 1 < queryNames.length ? queryNames[i + 1] : afterQueries;
    if (query.role === "check") {
      states[queryNames[i]] = athenaState(args, query, STATE_NAMES.readQuality);
      states[STATE_NAMES.readQuality] = {
        Type: "Task",
        Comment: "the check query returns one row: passed ('true'/'false'), failed_checks",
        Resource: "arn:aws:states:::athena:getQueryResults",
        Parameters: { [`QueryExecutionId.$`]: `$.queries.${query.name}.QueryExecutionId`, MaxResults: 2 },
        ResultSelector: { "passed.$": "$.ResultSet.Rows[1].Data[0].VarCharValue", "failed_checks.$": "$.ResultSet.Rows[1].Data[1].VarCharValue" },
        ResultPath: "$.data_quality",
        Retry: [ATHENA_RETRY[0]],
        Catch: CATCH_ALL,
        Next: STATE_NAMES.qualityPassed,
      };
      states[STATE_NAMES.qualityPassed] = {
        Type: "Choice",
        Choices: [{ Variable: "$.data_quality.passed", StringEquals: "true", Next: after }],
        Default: STATE_NAMES.qualityFailed,
      };
      states[STATE_NAMES.qualityFailed] = {
        Type: "Pass",
        Parameters: { Error: "DataQualityCheckFailed", "Cause.$": "States.Format('failed checks: {}', $.data_quality.failed_checks)" },
        ResultPath: "$.error",
        Next: STATE_NAMES.notifyFailure,
      };
    } else {
      states[queryNames[i]] = athenaState(args, query, after);
    }
  });

  if (args.playerDailyExport) Object.assign(states, playerDailyExportStates(args, args.playerDailyExport.functionArn));
  states[STATE_NAMES.succeeded] = { Type: "Succeed" };
  states[STATE_NAMES.notifyFailure] = {
    Type: "Task",
    Comment: "alert with the whole state: run_date, the queries that ran and the error",
    Resource: "arn:aws:states:::sns:publish",
    Parameters: {
      TopicArn: args.alertTopicArn,
      Subject: "GOLD batch failed",
      "Message.$": "States.JsonToString($)",
    },
    ResultPath: null,
    Retry: [{ ErrorEquals: ["SNS.ThrottledException", "SNS.InternalErrorException"], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2, JitterStrategy: "FULL" }],
    Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.alert_error", Next: STATE_NAMES.failed }],
    Next: STATE_NAMES.failed,
  };
  states[STATE_NAMES.failed] = { Type: "Fail", Error: "GoldBatchFailed", Cause: "A GOLD batch step failed; the SNS alert carries the state and the error." };

  return {
    Comment: "GOLD batch: enrichment, then seed 003's daily transforms and data-quality check on Athena",
    StartAt: STATE_NAMES.resolveRunDate,
    States: states,
  };
}

export function goldStateMachineDefinitionJson(args: GoldStateMachineArgs): string {
  return JSON.stringify(buildGoldStateMachineDefinition(args));
}

/** Names the state machine's IAM policy must cover (the component scopes its statements to these). */
export function goldStateMachineTargets(args: GoldStateMachineArgs): {
  athenaWorkgroup: string;
  snsTopicArn: string;
  glueJobName?: string;
  emrApplicationId?: string;
  exporterFunctionArn?: string;
} {
  return {
    athenaWorkgroup: args.athenaWorkgroup,
    snsTopicArn: args.alertTopicArn,
    ...(args.playerDailyExport ? { exporterFunctionArn: args.playerDailyExport.functionArn } : {}),
    ...(args.enrichment.engine === "glue" ? { glueJobName: args.enrichment.jobName } : { emrApplicationId: args.enrichment.applicationId }),
  };
}
