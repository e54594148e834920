/**
 * aws-native graph for `dev` and `prod`: every component exists and is wired by reference — the API
 * writes to the raw stream's ARN, the processor's mapping reads it, Firehose reads the right stream
 * and writes the right bucket/prefix, the Lambdas get the environment their code parses.
 */
import assert from "node:assert/strict";
import { apiKeysTableFromEnv } from "../../functions/authorizer/handler";
import { generatorConfigFromEnv } from "../../functions/generator/run-config";
import { processorConfigFromEnv } from "../../functions/processor/config";
import { maximumRecordAgeSeconds, PROCESSOR_MAX_RETRY_ATTEMPTS } from "../../components/aws/processing";
import { cleanOutputRecord, deadLetterOutputRecord } from "../../functions/processor/output-records";
import { wrapForIngest } from "../../functions/core";
import { ofType, one } from "../support/resources";
import { configPlan, lightTierPlan } from "../support/stack-plans";
import {
  arnOfBucket,
  arnOfFunction,
  arnOfStream,
  arnOfTable,
  bucketFor,
  fnNamed,
  resourcesFor,
  roleStatements,
  streamNamed,
  T,
} from "./plan-queries";

for (const stack of ["dev", "prod"] as const) {
  describe(`aws-native graph wiring: ${stack}`, () => {
    const plan = () => lightTierPlan(stack);

    it("has three KMS-encrypted Kinesis streams named per seed 000, sized from config", async () => {
      const { resources, sizing, config } = await plan();
      const key = one(resources, T.key);
      const keyArn = `arn:aws:kms:us-east-1:123456789012:key/mrk-`;
      assert.equal(ofType(resources, T.stream).length, 3);
      for (const channel of ["raw", "clean", "dead-letter"] as const) {
        const s = streamNamed(resources, channel);
        assert.equal(s.inputs.name, `${stack}-client-game_event-${channel}`);
        assert.equal(s.inputs.encryptionType, "KMS");
        assert.ok(String(s.inputs.kmsKeyId).startsWith(keyArn), "encrypted with the pipeline key");
        assert.equal(s.inputs.retentionPeriod, config.retention.streamHours);
        const expectedMode = channel === "dead-letter" ? "ON_DEMAND" : sizing.kinesis.mode;
        assert.equal(s.inputs.streamModeDetails.streamMode, expectedMode, channel);
        assert.equal(s.inputs.shardCount, expectedMode === "PROVISIONED" ? sizing.kinesis.shards : undefined);
      }
      assert.ok(key);
      if (stack === "prod") assert.equal(streamNamed(resources, "raw").inputs.shardCount, 120);
    });

    it("the API integration puts records on the raw stream (by ARN in its role, by name in its template)", async () => {
      const { resources } = await plan();
      const raw = streamNamed(resources, "raw");
      const integrations = ofType(resources, T.integration);
      assert.ok(integrations.length >= 1);
      for (const integration of integrations) {
        assert.equal(integration.inputs.type, "AWS");
        assert.equal(integration.inputs.uri, "arn:aws:apigateway:us-east-1:kinesis:action/PutRecords");
        assert.match(integration.inputs.requestTemplates["application/json"], new RegExp(`"StreamName": "${raw.inputs.name}"`));
        const statements = roleStatements(resources, integration.inputs.credentials);
        assert.deepEqual(resourcesFor(statements, "kinesis:PutRecords"), [arnOfStream(raw)]);
      }
    });

    it("POST /v1/events: API-key authorizer, body validator and the JSON-schema model", async () => {
      const { resources } = await plan();
      const method = one(resources, T.method);
      assert.equal(method.inputs.httpMethod, "POST");
      assert.equal(method.inputs.authorization, "CUSTOM");
      const authorizer = one(resources, "aws:apigateway/authorizer:Authorizer");
      assert.equal(authorizer.inputs.type, "REQUEST");
      assert.ok(String(method.inputs.authorizerId).startsWith("auth"));
      const model = one(resources, "aws:apigateway/model:Model");
      assert.deepEqual(method.inputs.requestModels, { "application/json": model.inputs.name });
      assert.equal(JSON.parse(model.inputs.schema).properties.events.maxItems, 500);
      const resourcesByPath = ofType(resources, "aws:apigateway/resource:Resource").map((r) => r.inputs.pathPart).sort();
      assert.deepEqual(resourcesByPath, ["events", "v1"]);
      const authorizerFn = fnNamed(resources, "-authorizer");
      assert.match(authorizer.inputs.authorizerUri, new RegExp(`functions/${arnOfFunction(authorizerFn)}/invocations$`));
      assert.deepEqual(resourcesFor(roleStatements(resources, authorizer.inputs.authorizerCredentials), "lambda:InvokeFunction"), [arnOfFunction(authorizerFn)]);
      const { outputs } = await plan();
      assert.match(String(outputs.ingestUrl), /^https:\/\/.+\/live\/v1\/events$/);
    });

    it("the stage logs JSON access lines to its log group, has metrics on and throttles from sizing", async () => {
      const { resources, sizing } = await plan();
      const stage = one(resources, "aws:apigateway/stage:Stage");
      const accessGroup = one(resources.filter((r) => r.type === T.logGroup && String(r.inputs.name).startsWith("/aws/apigateway/")), T.logGroup);
      assert.equal(stage.inputs.accessLogSettings.destinationArn, `arn:aws:logs:us-east-1:123456789012:log-group:${accessGroup.inputs.name}`);
      assert.equal(JSON.parse(stage.inputs.accessLogSettings.format).requestId, "$context.requestId");
      const settings = one(resources, "aws:apigateway/methodSettings:MethodSettings").inputs;
      assert.equal(settings.stageName, stage.inputs.stageName);
      assert.equal(settings.methodPath, "*/*");
      assert.equal(settings.settings.metricsEnabled, true);
      assert.equal(settings.settings.throttlingRateLimit, sizing.api.rateLimit);
      assert.equal(settings.settings.throttlingBurstLimit, sizing.api.burstLimit);
      assert.equal(settings.settings.dataTraceEnabled, false, "request bodies never land in logs");
      const executionGroup = ofType(resources, T.logGroup).filter((g) => String(g.inputs.name).startsWith("API-Gateway-Execution-Logs_"));
      assert.equal(executionGroup.length, 1);
      assert.match(executionGroup[0].inputs.name, new RegExp(`/${stage.inputs.stageName}$`));
    });

    it("the authorizer reads the API-key table its code expects", async () => {
      const { resources } = await plan();
      const fn = fnNamed(resources, "-authorizer");
      const table = one(resources.filter((r) => r.type === T.table && String(r.inputs.name).endsWith("-api-keys")), T.table);
      assert.equal(apiKeysTableFromEnv(fn.inputs.environment.variables), table.inputs.name);
      assert.equal(table.inputs.hashKey, "key_hash");
      assert.deepEqual(resourcesFor(roleStatements(resources, fn.inputs.role), "dynamodb:GetItem"), [arnOfTable(table)]);
      assert.deepEqual(resourcesFor(roleStatements(resources, fn.inputs.role), "dynamodb:PutItem"), [], "the authorizer only reads");
    });

    it("the processor's mapping reads the raw stream with batching from sizing and bounded retries", async () => {
      const { resources, sizing, config } = await plan();
      const esm = one(resources, T.esm);
      const processor = fnNamed(resources, "-processor");
      const queue = one(resources, T.queue);
      assert.equal(esm.inputs.eventSourceArn, arnOfStream(streamNamed(resources, "raw")));
      assert.equal(esm.inputs.functionName, arnOfFunction(processor));
      assert.equal(esm.inputs.batchSize, sizing.processor.batchSize);
      assert.equal(esm.inputs.maximumBatchingWindowInSeconds, sizing.processor.batchingWindowSeconds);
      assert.equal(esm.inputs.parallelizationFactor, sizing.processor.parallelizationFactor);
      assert.deepEqual(esm.inputs.functionResponseTypes, ["ReportBatchItemFailures"]);
      assert.equal(esm.inputs.bisectBatchOnFunctionError, true);
      assert.equal(esm.inputs.maximumRetryAttempts, PROCESSOR_MAX_RETRY_ATTEMPTS);
      assert.equal(esm.inputs.maximumRecordAgeInSeconds, maximumRecordAgeSeconds(config.retention.streamHours));
      // (streamHours − 1) × 3,600: dev 24 h → 82,800 s; prod 168 h → 601,200 s (under Kinesis' 604,800 cap).
      assert.equal(esm.inputs.maximumRecordAgeInSeconds, (config.retention.streamHours - 1) * 3600);
      assert.equal(esm.inputs.destinationConfig.onFailure.destinationArn, `arn:aws:sqs:us-east-1:123456789012:${queue.inputs.name}`);
      assert.ok(String(queue.inputs.kmsMasterKeyId).startsWith("arn:aws:kms:"), "on-failure queue encrypted with the CMK");
    });

    it("the processor's environment is what functions/processor parses, pointing at the planned resources", async () => {
      const { resources, config } = await plan();
      const processor = fnNamed(resources, "-processor");
      const parsed = processorConfigFromEnv(processor.inputs.environment.variables);
      const dedup = one(resources.filter((r) => r.type === T.table && String(r.inputs.name).endsWith("-dedup")), T.table);
      assert.equal(parsed.cleanStream, streamNamed(resources, "clean").inputs.name);
      assert.equal(parsed.deadLetterStream, streamNamed(resources, "dead-letter").inputs.name);
      assert.equal(parsed.dedupTable, dedup.inputs.name);
      assert.equal(parsed.dedupWindowMinutes, config.dedupWindowMinutes);
      assert.deepEqual(parsed.core.dedupKeyFields, config.dedupKeyFields);
      assert.equal(parsed.core.maxRecordBytes, config.event.maxRecordBytes);
      assert.equal(dedup.inputs.ttl.attributeName, "expires_at");
      assert.equal(dedup.inputs.ttl.enabled, true);
      assert.equal(dedup.inputs.billingMode, "PAY_PER_REQUEST");
      assert.equal(processor.inputs.memorySize, (await plan()).sizing.processor.memoryMiB);
    });

    it("Firehose: raw → RAW raw/, dead-letter → RAW dead-letter/, clean → SILVER silver/, each with an error prefix", async () => {
      const { resources } = await plan();
      const expected = [
        // Ingest envelopes carry no newline (Firehose appends one); the processor's output records end with "\n".
        { delivery: "-raw-to-lake", stream: "raw", zone: "raw", prefix: "raw/", errors: "raw-errors/", appendsNewline: true },
        { delivery: "-dead-letter-to-lake", stream: "dead-letter", zone: "raw", prefix: "dead-letter/", errors: "dead-letter-errors/", appendsNewline: false },
        { delivery: "-clean-to-silver", stream: "clean", zone: "silver", prefix: "silver/", errors: "silver-errors/", appendsNewline: false },
      ] as const;
      assert.equal(ofType(resources, T.firehose).length, expected.length);
      for (const e of expected) {
        const f = one(resources.filter((r) => r.type === T.firehose && String(r.inputs.name).endsWith(e.delivery)), T.firehose);
        const stream = streamNamed(resources, e.stream);
        const bucket = bucketFor(resources, stack, e.zone);
        const s3 = f.inputs.extendedS3Configuration;
        assert.equal(f.inputs.kinesisSourceConfiguration.kinesisStreamArn, arnOfStream(stream));
        assert.equal(s3.bucketArn, arnOfBucket(bucket));
        assert.equal(s3.prefix, `${e.prefix}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`);
        assert.ok(s3.errorOutputPrefix.startsWith(`${e.errors}!{firehose:error-output-type}/`));
        assert.equal(s3.compressionFormat, "GZIP");
        assert.deepEqual(s3.processingConfiguration?.processors ?? [], e.appendsNewline ? [{ type: "AppendDelimiterToRecord" }] : []);
        assert.equal(s3.bufferingSize, (await plan()).sizing.firehose.bufferMiB);
        assert.equal(s3.bufferingInterval, (await plan()).sizing.firehose.bufferSeconds);
        assert.equal(s3.cloudwatchLoggingOptions.enabled, true);
        assert.equal(s3.cloudwatchLoggingOptions.logGroupName, `/aws/kinesisfirehose/${f.inputs.name}`);
        // The role reads exactly this stream and writes exactly these prefixes of this bucket.
        const statements = roleStatements(resources, f.inputs.kinesisSourceConfiguration.roleArn);
        assert.equal(s3.roleArn, f.inputs.kinesisSourceConfiguration.roleArn);
        assert.deepEqual(resourcesFor(statements, "kinesis:GetRecords"), [arnOfStream(stream)]);
        assert.deepEqual(resourcesFor(statements, "s3:PutObject"), [`${arnOfBucket(bucket)}/${e.errors}*`, `${arnOfBucket(bucket)}/${e.prefix}*`].sort());
        assert.deepEqual(resourcesFor(statements, "logs:PutLogEvents"), [`arn:aws:logs:us-east-1:123456789012:log-group:/aws/kinesisfirehose/${f.inputs.name}:*`]);
      }
    });

    it("Glue tables point at the RAW and SILVER prefixes; Athena writes results into the GOLD bucket with the CMK", async () => {
      const { resources } = await plan();
      const tables = ofType(resources, "aws:glue/catalogTable:CatalogTable");
      const location = (name: string) => one(tables.filter((t) => t.inputs.name === name), "aws:glue/catalogTable:CatalogTable").inputs;
      assert.equal(location("raw_events").storageDescriptor.location, `s3://${bucketFor(resources, stack, "raw").inputs.bucket}/raw/`);
      assert.equal(location("silver_events").storageDescriptor.location, `s3://${bucketFor(resources, stack, "silver").inputs.bucket}/silver/`);
      for (const name of ["raw_events", "silver_events"]) {
        const params = location(name).parameters;
        assert.equal(params["projection.enabled"], "true");
        assert.match(params["storage.location.template"], /year=\$\{year\}\/month=\$\{month\}\/day=\$\{day\}\/hour=\$\{hour\}\/$/);
        assert.deepEqual(location(name).partitionKeys.map((k: any) => k.name), ["year", "month", "day", "hour"]);
      }
      const wg = one(resources, "aws:athena/workgroup:Workgroup").inputs.configuration;
      assert.equal(wg.enforceWorkgroupConfiguration, true);
      assert.equal(wg.resultConfiguration.outputLocation, `s3://${bucketFor(resources, stack, "gold").inputs.bucket}/athena-results/`);
      assert.equal(wg.resultConfiguration.encryptionConfiguration.encryptionOption, "SSE_KMS");
      assert.ok(wg.bytesScannedCutoffPerQuery >= 10 * 1024 ** 3);
    });

    it("exports the ingest URL, bucket and stream names, dashboards and the alert topic", async () => {
      const { outputs, resources } = await plan();
      assert.equal(outputs.variant, "aws-native");
      assert.deepEqual(outputs.streams, {
        raw: `${stack}-client-game_event-raw`,
        clean: `${stack}-client-game_event-clean`,
        deadLetter: `${stack}-client-game_event-dead-letter`,
      });
      for (const zone of ["raw", "silver", "gold"]) assert.equal((outputs.buckets as any)[zone], bucketFor(resources, stack, zone).inputs.bucket);
      assert.equal(outputs.alertDestination, `arn:aws:sns:us-east-1:123456789012:${one(resources, T.topic).inputs.name}`);
      const keyTable = resources.find((r) => r.type === "aws:dynamodb/table:Table" && String(r.inputs.name).endsWith("-api-keys"))!;
      assert.equal(outputs.apiKeyStore, keyTable.inputs.name);
      assert.deepEqual(Object.keys(outputs.dashboards as object).sort(), ["analytics", "operations"]);
    });

    it(stack === "dev" ? "dev runs the synthetic generator every 5 minutes into raw" : "prod has no synthetic generator", async () => {
      const { resources, config } = await plan();
      const schedules = ofType(resources, "aws:scheduler/schedule:Schedule");
      if (config.protectData) {
        assert.equal(schedules.length, 0);
        assert.equal(ofType(resources, T.fn).filter((f) => String(f.inputs.name).endsWith("-generator")).length, 0);
        return;
      }
      const generator = fnNamed(resources, "-generator");
      const schedule = one(resources, "aws:scheduler/schedule:Schedule");
      assert.equal(schedule.inputs.scheduleExpression, "rate(5 minutes)");
      assert.equal(schedule.inputs.target.arn, arnOfFunction(generator));
      assert.equal(generatorConfigFromEnv(generator.inputs.environment.variables).rawStream, streamNamed(resources, "raw").inputs.name);
      assert.deepEqual(resourcesFor(roleStatements(resources, generator.inputs.role), "kinesis:PutRecords"), [arnOfStream(streamNamed(resources, "raw"))]);
      assert.deepEqual(resourcesFor(roleStatements(resources, schedule.inputs.target.roleArn), "lambda:InvokeFunction"), [arnOfFunction(generator)]);
    });
  });
}

describe("aws-native graph: auth options and the SILVER staging table", () => {
  it("cognito and IAM get their own methods beside the API-key /v1/events", async () => {
    const { resources } = await configPlan({ auth: ["cognito", "apiKey", "iam"], silverStagingTable: true });
    const methods = ofType(resources, T.method).map((m) => m.inputs.authorization).sort();
    assert.deepEqual(methods, ["AWS_IAM", "COGNITO_USER_POOLS", "CUSTOM"]);
    const paths = ofType(resources, "aws:apigateway/resource:Resource").map((r) => r.inputs.pathPart).sort();
    assert.deepEqual(paths, ["cognito", "events", "events", "events", "iam", "v1"]);
    const pool = one(resources, "aws:cognito/userPool:UserPool");
    const cognitoAuthorizer = ofType(resources, "aws:apigateway/authorizer:Authorizer").find((a) => a.inputs.type === "COGNITO_USER_POOLS")!;
    assert.equal(cognitoAuthorizer.inputs.providerArns.length, 1);
    assert.match(cognitoAuthorizer.inputs.providerArns[0], /^arn:aws:cognito-idp:us-east-1:123456789012:userpool\/us-east-1_[0-9a-f]{9}$/);
    assert.ok(pool.inputs.schemas.some((s: any) => s.name === "game_id"));
    const staging = one(resources.filter((r) => r.type === T.table && String(r.inputs.name).endsWith("-silver-staging")), T.table);
    const processor = fnNamed(resources, "-processor");
    assert.equal(processor.inputs.environment.variables.SILVER_STAGING_TABLE, staging.inputs.name);
    assert.deepEqual(resourcesFor(roleStatements(resources, processor.inputs.role), "dynamodb:BatchWriteItem"), [arnOfTable(staging)]);
  });
});

describe("aws-native lake files are NDJSON whatever writes the stream", () => {
  it("the processor's clean and dead-letter records end with a newline; ingest envelopes do not (Firehose adds it)", () => {
    const event = {
      event_id: "e",
      event_type: "t",
      event_timestamp: "2025-01-01T00:00:00.000Z",
      received_at: "2025-01-01T00:00:00.000Z",
      user_id: "u",
      session_id: null,
      game_id: null,
      platform: null,
      app_version: null,
      parameters: {},
      event_date: "2025-01-01",
      event_hour: 0,
    };
    const source = { kind: "http" as const, requestId: "r", index: 0 };
    assert.ok(cleanOutputRecord({ event, dedupKey: "e", source }).data.toString().endsWith("}\n"));
    const dead = deadLetterOutputRecord({ reason: "MALFORMED_JSON", message: "m", original_base64: "", source, received_at: event.received_at });
    assert.ok(dead.data.toString().endsWith("}\n"));
    assert.ok(!wrapForIngest({ a: 1 }, { game_id: null, request_id: "r", received_at: event.received_at }).endsWith("\n"));
  });
});
