/** The heavy tier's pure IAM statement builders. */
import assert from "node:assert/strict";
import { assertUniqueSids, scoped } from "../../components/aws/heavy/iam/statement-ids";
import { s3ObjectReadStatements, s3ReadWriteDeleteStatements } from "../../components/aws/heavy/iam/lake-object-policy";
import { glueCatalogStatements } from "../../components/aws/heavy/iam/glue-catalog-policy";
import { flinkKinesisStatements } from "../../components/aws/heavy/iam/flink-policy";
import { goldExporterStatements } from "../../components/aws/heavy/iam/gold-exporter-policy";
import { isWildcardAction } from "../../policy/rules/iam";
import { resolveOutput } from "../../scripts/plan/run-under-mocks";

const BUCKET = "arn:aws:s3:::tlm-prod-gold-123456789012-us-east-1";

describe("heavy-tier IAM statement builders", () => {
  it("prefixes Sids so two buckets' statements can share one policy, and refuses repeats", () => {
    const both = [...scoped("Gold", s3ReadWriteDeleteStatements(BUCKET, ["gold/"])), ...scoped("Other", s3ReadWriteDeleteStatements(BUCKET, ["x/"]))];
    assert.deepEqual(both.map((s) => s.Sid), ["GoldBucketLevel", "GoldObjectsReadWriteDelete", "OtherBucketLevel", "OtherObjectsReadWriteDelete"]);
    assert.doesNotThrow(() => assertUniqueSids(both));
    assert.throws(() => assertUniqueSids([...s3ReadWriteDeleteStatements(BUCKET, ["a/"]), ...s3ReadWriteDeleteStatements(BUCKET, ["b/"])]), /statement id\(s\) repeat: BucketLevel, ObjectsReadWriteDelete/);
  });

  it("grants object access only under each prefix and refuses an empty or unterminated prefix", async () => {
    const [, objects] = s3ReadWriteDeleteStatements(BUCKET, ["gold/tables/", "gold/aggregates/"]);
    assert.deepEqual(await Promise.all(objects.Resource.map((r) => resolveOutput(r))), [`${BUCKET}/gold/tables/*`, `${BUCKET}/gold/aggregates/*`]);
    assert.throws(() => s3ReadWriteDeleteStatements(BUCKET, [""]), /must be non-empty/);
    assert.throws(() => s3ReadWriteDeleteStatements(BUCKET, ["gold"]), /end with "\/"/);
    const [read] = s3ObjectReadStatements(BUCKET, ["flink/app.zip"]);
    assert.deepEqual(await resolveOutput(read.Resource[0]), `${BUCKET}/flink/app.zip`);
  });

  it("scopes Glue catalog access to the catalog, the named databases and their tables; writes only when asked", async () => {
    const [read] = glueCatalogStatements({ region: "us-east-1", accountId: "123456789012", databases: ["tlm_prod_gold"] }, "read");
    assert.deepEqual(await Promise.all(read.Resource.map((r) => resolveOutput(r))), [
      "arn:aws:glue:us-east-1:123456789012:catalog",
      "arn:aws:glue:us-east-1:123456789012:database/tlm_prod_gold",
      "arn:aws:glue:us-east-1:123456789012:table/tlm_prod_gold/*",
    ]);
    assert.equal(read.Action.includes("glue:UpdateTable"), false);
    const [write] = glueCatalogStatements({ region: "us-east-1", accountId: "123456789012", databases: ["tlm_prod_gold"] }, "write");
    assert.ok(write.Action.includes("glue:UpdateTable") && write.Action.includes("glue:CreateTable"));
    assert.equal(write.Action.some(isWildcardAction), false);
  });

  it("lets Flink read only raw and write only the outputs", () => {
    const raw = "arn:aws:kinesis:us-east-1:123456789012:stream/prod-client-game_event-raw";
    const outs = ["clean", "deduped", "dead-letter"].map((c) => `arn:aws:kinesis:us-east-1:123456789012:stream/prod-client-game_event-${c}`);
    const [read, write] = flinkKinesisStatements(raw, outs);
    assert.deepEqual(read.Resource, [raw]);
    assert.equal(read.Action.some((a) => a.startsWith("kinesis:Put")), false);
    assert.deepEqual(write.Resource, outs);
    assert.equal(write.Action.some((a) => a === "kinesis:GetRecords"), false);
    assert.throws(() => flinkKinesisStatements(raw, []), /needs the output stream ARNs/);
  });

  it("lets the gold exporter only put items into its table and read Athena results, refusing a bad prefix", async () => {
    const table = "arn:aws:dynamodb:us-east-1:123456789012:table/tlm-prod-player-daily";
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234";
    const statements = assertUniqueSids(goldExporterStatements({ tableArn: table, results: { bucketArn: BUCKET, prefix: "athena-results/" }, keyArn: key, region: "us-east-1" }));
    assert.deepEqual(statements.map((s) => s.Action), [["dynamodb:BatchWriteItem"], ["s3:GetObject"], ["kms:Decrypt", "kms:GenerateDataKey"]]);
    assert.deepEqual(statements[0].Resource, [table]);
    assert.equal(await resolveOutput(statements[1].Resource[0]), `${BUCKET}/athena-results/*`);
    assert.deepEqual(statements[2].Resource, [key]);
    assert.throws(() => goldExporterStatements({ tableArn: table, results: { bucketArn: BUCKET, prefix: "" }, keyArn: key, region: "us-east-1" }), /must be non-empty/);
  });
});
