/** Pure parts of the warehouse loader: header parsing, lake layout, manifests, the Redshift COPY text, config. */
import assert from "node:assert/strict";
import { buildCopyManifest, manifestKey } from "../../functions/warehouse-loader/copy-manifest";
import { HeaderCache, headerFingerprint, parseHeaderLine } from "../../functions/warehouse-loader/header-fingerprint";
import { groupIntoBatches, parseLakeKey, type LakeFile } from "../../functions/warehouse-loader/lake-files";
import { loadModel, postgresCopySql, redshiftCopySql } from "../../functions/warehouse-loader/load-sql";
import { loaderConfigFromEnv, tablesForInvocation } from "../../functions/warehouse-loader/loader-config";

const SCHEMAS = { reportingSchema: "public", stagingSchema: "staging" };

describe("warehouse loader: headers and fingerprints", () => {
  it("parses quoted header cells and stops at the first line end", () => {
    assert.deepEqual(parseHeaderLine('id,"psess", gsess \r\n1,2,3\n'), ["id", "psess", "gsess"]);
    assert.deepEqual(parseHeaderLine("id,date\n1,2024-01-01\n"), ["id", "date"]);
  });

  it("rejects headers that cannot become a column list", () => {
    assert.throws(() => parseHeaderLine("id,Date\n"), /"Date" is not a valid identifier/);
    assert.throws(() => parseHeaderLine("id,id\n"), /repeats column "id"/);
    assert.throws(() => parseHeaderLine("id,weap"), /no line end/);
    assert.throws(() => parseHeaderLine('id,"open\n'), /unterminated/);
  });

  it("fingerprint depends on names and order; the cache refuses a header that does not match the file name", () => {
    const columns = ["id", "date", "psess"];
    const fingerprint = headerFingerprint(columns);
    assert.match(fingerprint, /^[0-9a-f]{16}$/);
    assert.notEqual(headerFingerprint(["date", "id", "psess"]), fingerprint);
    assert.notEqual(headerFingerprint(["id", "date"]), fingerprint);
    const cache = new HeaderCache();
    assert.throws(() => cache.remember(fingerprint, ["id", "date"], "s3://b/k.csv"), /file name says/);
    assert.equal(cache.get(fingerprint), undefined);
    assert.deepEqual(cache.remember(fingerprint, columns, "s3://b/k.csv"), columns);
    assert.deepEqual(cache.get(fingerprint), columns);
  });
});

describe("warehouse loader: lake layout and manifests", () => {
  const fp = "212c16e6ac9b7836";
  const prefix = "warehouse/incoming/";

  it("recognises <table>/<fingerprint>-<uuid>.csv[.gz] below the prefix and nothing else", () => {
    const file = parseLakeKey(prefix, { key: `${prefix}kiosk_weapon_offered/${fp}-00087861f9dc4bc2807d0d13a7003814.csv`, size: 10 });
    assert.deepEqual(file, { key: `${prefix}kiosk_weapon_offered/${fp}-00087861f9dc4bc2807d0d13a7003814.csv`, size: 10, table: "kiosk_weapon_offered", fingerprint: fp, gzip: false });
    assert.equal(parseLakeKey(prefix, { key: `${prefix}t/${fp}-abc.csv.gz`, size: 1 })?.gzip, true);
    for (const key of [`${prefix}t/readme.txt`, `${prefix}t/${fp}.csv`, `${prefix}t/sub/${fp}-a.csv`, `other/t/${fp}-a.csv`, `${prefix}t/${fp.toUpperCase()}-a.csv`]) {
      assert.equal(parseLakeKey(prefix, { key, size: 1 }), undefined, key);
    }
  });

  it("groups by table, fingerprint and compression, sorted, split at maxFilesPerBatch", () => {
    const other = "0123456789abcdef";
    const keys = [`t/${fp}-c.csv.gz`, `t/${fp}-a.csv.gz`, `t/${fp}-b.csv.gz`, `t/${fp}-d.csv`, `t/${other}-e.csv.gz`, `u/${fp}-f.csv.gz`];
    const files = keys.map((k) => parseLakeKey("", { key: k, size: 5 })).filter((f): f is LakeFile => f !== undefined);
    assert.equal(files.length, keys.length);
    const batches = groupIntoBatches(files, 2);
    // file names after "<fingerprint>-", e.g. "a.csv.gz"
    const summary = batches.map((b) => `${b.table}/${b.fingerprint}/${b.gzip ? "gz" : "plain"}/${b.part}:${b.files.map((f) => f.key.split("-")[1]).join(",")}`);
    // t/0123… sorts before t/212c…; the three gz files of t/212c… split 2 + 1
    assert.deepEqual(summary, [
      `t/${other}/gz/0:e.csv.gz`,
      `t/${fp}/gz/0:a.csv.gz,b.csv.gz`,
      `t/${fp}/gz/1:c.csv.gz`,
      `t/${fp}/plain/0:d.csv`,
      `u/${fp}/gz/0:f.csv.gz`,
    ]);
    assert.throws(() => groupIntoBatches(files, 0), /positive integer/);
  });

  it("writes a Redshift manifest listing every file of the batch as mandatory with its length", () => {
    const files = [`t/${fp}-a.csv.gz`, `t/${fp}-b.csv.gz`].map((k, i) => parseLakeKey("", { key: k, size: 100 + i })!);
    const [batch] = groupIntoBatches(files, 10);
    assert.deepEqual(buildCopyManifest("lake", batch), {
      entries: [
        { url: `s3://lake/t/${fp}-a.csv.gz`, mandatory: true, meta: { content_length: 100 } },
        { url: `s3://lake/t/${fp}-b.csv.gz`, mandatory: true, meta: { content_length: 101 } },
      ],
    });
    assert.equal(manifestKey("manifests/", batch, "run1"), `manifests/t/${fp}-gz-0-run1.manifest`);
  });
});

describe("warehouse loader: COPY dialects from one model", () => {
  const model = loadModel({ table: "kiosk_weapon_offered", key: ["id"], orderBy: "date" }, ["id", "date", "psess", "gsess", "eid", "weapon"], SCHEMAS);
  const columnList = `("id", "date", "psess", "gsess", "eid", "weapon")`;

  it("Redshift COPY reads the manifest with the seed's options and the header's column list", () => {
    const sql = redshiftCopySql(model, { manifestUrl: "s3://lake/manifests/x.manifest", iamRoleArn: "arn:aws:iam::123456789012:role/Ingest_Role", region: "us-west-2", gzip: true });
    assert.equal(
      sql,
      [
        `COPY "staging"."kiosk_weapon_offered" ${columnList}`,
        `FROM 's3://lake/manifests/x.manifest'`,
        `IAM_ROLE 'arn:aws:iam::123456789012:role/Ingest_Role'`,
        `MANIFEST REGION 'us-west-2'`,
        `CSV GZIP IGNOREHEADER 1 EMPTYASNULL TIMEFORMAT 'auto' DATEFORMAT 'auto'`,
      ].join("\n"),
    );
    const plain = redshiftCopySql(model, { manifestUrl: "s3://lake/it's.manifest", iamRoleArn: "arn:aws:iam::123456789012:role/r", region: "us-east-1", gzip: false });
    assert.match(plain, /^CSV IGNOREHEADER 1/m);
    assert.match(plain, /FROM 's3:\/\/lake\/it''s\.manifest'/); // quote doubled inside the literal
    assert.throws(() => redshiftCopySql(model, { manifestUrl: "/tmp/x", iamRoleArn: "r", region: "r", gzip: false }), /s3:\/\//);
  });

  it("the PostgreSQL COPY loads the same columns in the same order from STDIN", () => {
    const sql = postgresCopySql(model);
    assert.ok(sql.startsWith(`COPY "staging"."kiosk_weapon_offered" ${columnList} FROM STDIN`), sql);
    assert.match(sql, /HEADER true/);
  });

  it("refuses models whose key/orderBy are not in the file or whose names are unsafe", () => {
    assert.throws(() => loadModel({ table: "t", key: ["id"], orderBy: "updated_at" }, ["id", "date"], SCHEMAS), /updated_at are not in the file header/);
    assert.throws(() => loadModel({ table: "t", key: [], orderBy: "date" }, ["id", "date"], SCHEMAS), /at least one column/);
    assert.throws(() => loadModel({ table: "t; drop", key: ["id"], orderBy: "date" }, ["id", "date"], SCHEMAS), /not a valid identifier/);
    assert.throws(() => loadModel({ table: "t", key: ["id"], orderBy: "date" }, ["id", "date"], { reportingSchema: "s", stagingSchema: "s" }), /must differ/);
  });
});

describe("warehouse loader: configuration", () => {
  const env = {
    LAKE_BUCKET: "lake-bucket",
    INCOMING_PREFIX: "warehouse/incoming/",
    MANIFEST_PREFIX: "warehouse/manifests/",
    LOADED_PREFIX: "warehouse/loaded/",
    COPY_ROLE_ARN: "arn:aws:iam::123456789012:role/copy",
    AWS_REGION: "us-east-1",
    REDSHIFT_WORKGROUP: "wg",
    REDSHIFT_DATABASE: "analytics",
    LOADER_TABLES: JSON.stringify([{ table: "a", key: ["id"], orderBy: "ts" }, { table: "b", key: ["id", "sid"], orderBy: "ts" }]),
  };

  it("reads the environment with defaults", () => {
    const config = loaderConfigFromEnv(env);
    assert.equal(config.reportingSchema, "public");
    assert.equal(config.stagingSchema, "staging");
    assert.equal(config.maxFilesPerLoad, 1000);
    assert.deepEqual(config.tables.map((t) => t.table), ["a", "b"]);
  });

  it("names the key and value of bad settings", () => {
    assert.throws(() => loaderConfigFromEnv({ ...env, INCOMING_PREFIX: "incoming" }), /INCOMING_PREFIX="incoming": must be a non-empty prefix ending with '\/'/);
    assert.throws(() => loaderConfigFromEnv({ ...env, INCOMING_PREFIX: "" }), /INCOMING_PREFIX="": must be a non-empty prefix/);
    assert.throws(() => loaderConfigFromEnv({ ...env, MANIFEST_PREFIX: "manifests" }), /MANIFEST_PREFIX="manifests": must be empty or end with '\/'/);
    assert.throws(() => loaderConfigFromEnv({ ...env, COPY_ROLE_ARN: "role" }), /COPY_ROLE_ARN="role"/);
    assert.throws(() => loaderConfigFromEnv({ ...env, LOADER_TABLES: "[x" }), /LOADER_TABLES="\[x" is not JSON/);
    assert.throws(() => loaderConfigFromEnv({ ...env, LOADER_TABLES: '[{"table":"A","key":["id"],"orderBy":"ts"}]' }), /LOADER_TABLES invalid .*0\.table/);
    assert.throws(() => loaderConfigFromEnv({ ...env, LOADED_PREFIX: "warehouse/incoming/done/" }), /LOADED_PREFIX.*must not lie under INCOMING_PREFIX/);
  });

  it("selects the tables named by the schedule's input, all by default, and rejects unknown names", () => {
    const config = loaderConfigFromEnv(env);
    assert.deepEqual(tablesForInvocation(config, { "detail-type": "Scheduled Event" }).map((t) => t.table), ["a", "b"]);
    assert.deepEqual(tablesForInvocation(config, { tables: ["b"] }).map((t) => t.table), ["b"]);
    assert.throws(() => tablesForInvocation(config, { tables: ["c"] }), /unknown table\(s\) c; configured: a, b/);
    assert.throws(() => tablesForInvocation(config, { tables: "a" }), /must be an array/);
  });
});
