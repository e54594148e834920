/** Each guardrail rule: a bad resource trips it with a precise message, the good version passes. */
import assert from "node:assert/strict";
import { protectStatefulStores, STATEFUL_TYPES } from "../../policy/rules/data-protection";
import { encryptionAtRest, s3Encryption } from "../../policy/rules/encryption";
import { noPublicGcpMembers } from "../../policy/rules/gcp-members";
import { iamNoWildcards } from "../../policy/rules/iam";
import { evaluateRules, RULES } from "../../policy/rules";
import { lambdaLogGroups, logRetention } from "../../policy/rules/logging";
import { noOpenIngress, noPublicStorage, s3PublicAccessBlock } from "../../policy/rules/public-access";
import { noPublicResourcePolicy } from "../../policy/rules/resource-policies";
import { requiredTags } from "../../policy/rules/tags";
import { s3TlsOnly, tlsInTransit } from "../../policy/rules/transport";
import { UNKNOWN, type CheckedResource, type ResourceRule } from "../../policy/rules/types";
import { DEV, PROD, resource, TAGS } from "./fixtures";

const KEY = "arn:aws:kms:us-east-1:123456789012:key/mrk-1";

/** Asserts `bad` trips `rule` with a message matching `expected` and `good` passes. */
function trips(rule: ResourceRule, bad: CheckedResource, good: CheckedResource, expected: RegExp, context = DEV) {
  const messages = rule.check(bad, context);
  assert.ok(messages.some((m) => expected.test(m)), `expected ${rule.name} to report ${expected} for ${bad.type}, got ${JSON.stringify(messages)}`);
  assert.deepEqual(rule.check(good, context), [], `expected ${rule.name} to pass the good ${good.type}`);
}

describe("policy rules", () => {
  it("every rule has a unique kebab-case name and a description", () => {
    const names = RULES.map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
    for (const rule of RULES) {
      assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(rule.description.length > 20, rule.name);
    }
  });

  describe("encryption-at-rest", () => {
    const cases: Array<[string, Record<string, any>, Record<string, any>, RegExp]> = [
      ["aws:kinesis/stream:Stream", { encryptionType: "NONE" }, { encryptionType: "KMS", kmsKeyId: KEY }, /encryptionType "KMS"/],
      ["aws:kinesis/stream:Stream", { encryptionType: "KMS" }, { encryptionType: "KMS", kmsKeyId: KEY }, /kmsKeyId/],
      ["aws:dynamodb/table:Table", { serverSideEncryption: { enabled: true } }, { serverSideEncryption: { enabled: true, kmsKeyArn: KEY } }, /customer-managed key/],
      ["aws:dynamodb/table:Table", {}, { serverSideEncryption: { enabled: true, kmsKeyArn: KEY } }, /enable serverSideEncryption/],
      ["aws:sns/topic:Topic", {}, { kmsMasterKeyId: KEY }, /kmsMasterKeyId/],
      ["aws:sqs/queue:Queue", { sqsManagedSseEnabled: false }, { sqsManagedSseEnabled: true }, /kmsMasterKeyId or sqsManagedSseEnabled/],
      ["aws:sqs/queue:Queue", {}, { kmsMasterKeyId: KEY }, /kmsMasterKeyId or sqsManagedSseEnabled/],
      ["aws:msk/cluster:Cluster", { encryptionInfo: {} }, { encryptionInfo: { encryptionAtRestKmsKeyArn: KEY } }, /encryptionAtRestKmsKeyArn/],
      ["aws:redshiftserverless/namespace:Namespace", {}, { kmsKeyId: KEY }, /kmsKeyId/],
      ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", { destination: "extended_s3" }, { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: KEY } }, /direct-PUT/],
      ["aws:rds/instance:Instance", { storageEncrypted: false }, { storageEncrypted: true }, /storageEncrypted/],
    ];
    for (const [type, bad, good, message] of cases) {
      it(`${type}: ${message.source}`, () => trips(encryptionAtRest, resource(type, "x", bad), resource(type, "x", good), message));
    }

    it("a Firehose reading a Kinesis stream inherits the stream's encryption (no SSE of its own needed)", () => {
      const sourced = resource("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "raw", { kinesisSourceConfiguration: { kinesisStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/raw" } });
      assert.deepEqual(encryptionAtRest.check(sourced, DEV), []);
    });

    it("GCP stores need a CMEK key only when telemetry:gcp.cmek is on", () => {
      const cmek = { ...DEV, gcpCmek: true };
      const bucket = resource("gcp:storage/bucket:Bucket", "raw", {});
      assert.deepEqual(encryptionAtRest.check(bucket, DEV), []);
      trips(encryptionAtRest, bucket, resource("gcp:storage/bucket:Bucket", "raw", { encryption: { defaultKmsKeyName: "projects/p/locations/us/keyRings/r/cryptoKeys/k" } }), /defaultKmsKeyName/, cmek);
      trips(encryptionAtRest, resource("gcp:pubsub/topic:Topic", "raw", {}), resource("gcp:pubsub/topic:Topic", "raw", { kmsKeyName: "k" }), /kmsKeyName/, cmek);
      trips(encryptionAtRest, resource("gcp:managedkafka/cluster:Cluster", "kafka", { gcpConfig: {} }), resource("gcp:managedkafka/cluster:Cluster", "kafka", { gcpConfig: { kmsKey: "k" } }), /gcpConfig\.kmsKey/, cmek);
      trips(encryptionAtRest, resource("gcp:bigquery/dataset:Dataset", "ds", {}), resource("gcp:bigquery/dataset:Dataset", "ds", { defaultEncryptionConfiguration: { kmsKeyName: "k" } }), /kmsKeyName/, cmek);
    });

    it("skips values unknown during preview instead of reporting them", () => {
      assert.deepEqual(encryptionAtRest.check(resource("aws:kinesis/stream:Stream", "raw", { encryptionType: "KMS", kmsKeyId: UNKNOWN }), DEV), []);
    });
  });

  describe("S3 bucket companions (stack rules)", () => {
    const bucket = resource("aws:s3/bucket:Bucket", "lake-raw", { bucket: "tlm-dev-raw" });
    const sse = resource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "lake-raw-sse", {
      bucket: "tlm-dev-raw",
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY } }],
    });
    const tlsPolicy = resource("aws:s3/bucketPolicy:BucketPolicy", "lake-raw-policy", {
      bucket: "tlm-dev-raw",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::tlm-dev-raw", "arn:aws:s3:::tlm-dev-raw/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
      }),
    });
    const pab = (flags: Partial<Record<string, boolean>>) =>
      resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "lake-raw-pab", { bucket: "tlm-dev-raw", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true, ...flags });

    it("s3-encryption-at-rest: a bucket without an SSE configuration trips; its SSE configuration (by name) satisfies it", () => {
      assert.match(s3Encryption.check([bucket], DEV)[0].message, /tlm-dev-raw|lake-raw/);
      assert.deepEqual(s3Encryption.check([bucket, sse], DEV), []);
      const otherBucketSse = resource(sse.type, "other-sse", { ...sse.inputs, bucket: "someone-else" });
      assert.equal(s3Encryption.check([bucket, otherBucketSse], DEV).length, 1, "an SSE configuration of another bucket does not count");
    });

    it("s3-encryption-at-rest: a property dependency (policy pack during preview) links the configuration too", () => {
      const previewSse: CheckedResource = { ...sse, inputs: { ...sse.inputs, bucket: UNKNOWN }, dependencies: { bucket: [bucket.urn] } };
      assert.deepEqual(s3Encryption.check([bucket, previewSse], DEV), []);
    });

    it("s3-tls-only: needs a Deny on aws:SecureTransport=false for everyone", () => {
      assert.equal(s3TlsOnly.check([bucket], DEV).length, 1);
      assert.deepEqual(s3TlsOnly.check([bucket, tlsPolicy], DEV), []);
      const allowOnly = resource(tlsPolicy.type, "p", { bucket: "tlm-dev-raw", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::tlm-dev-raw/*" }] }) });
      assert.match(s3TlsOnly.check([bucket, allowOnly], DEV)[0].message, /non-TLS/);
    });

    it("s3-public-access-block: all four flags must be true", () => {
      assert.match(s3PublicAccessBlock.check([bucket], DEV)[0].message, /no BucketPublicAccessBlock/);
      assert.match(s3PublicAccessBlock.check([bucket, pab({ restrictPublicBuckets: false })], DEV)[0].message, /restrictPublicBuckets/);
      assert.deepEqual(s3PublicAccessBlock.check([bucket, pab({})], DEV), []);
    });
  });

  describe("tls-in-transit", () => {
    it("MSK: client-broker TLS and in-cluster encryption", () => {
      const good = { encryptionInfo: { encryptionAtRestKmsKeyArn: KEY, encryptionInTransit: { clientBroker: "TLS", inCluster: true } } };
      trips(tlsInTransit, resource("aws:msk/cluster:Cluster", "msk", { encryptionInfo: { encryptionInTransit: { clientBroker: "TLS_PLAINTEXT", inCluster: true } } }), resource("aws:msk/cluster:Cluster", "msk", good), /clientBroker = "TLS"/);
      trips(tlsInTransit, resource("aws:msk/cluster:Cluster", "msk", { encryptionInfo: { encryptionInTransit: { clientBroker: "TLS", inCluster: false } } }), resource("aws:msk/cluster:Cluster", "msk", good), /inCluster = true/);
    });

    it("API Gateway custom domain: TLS 1.2 or newer", () => {
      trips(tlsInTransit, resource("aws:apigateway/domainName:DomainName", "api", {}), resource("aws:apigateway/domainName:DomainName", "api", { securityPolicy: "TLS_1_2" }), /TLS_1_2/);
      assert.equal(tlsInTransit.check(resource("aws:apigateway/domainName:DomainName", "api", { securityPolicy: "TLS_1_0" }), DEV).length, 1);
    });
  });

  describe("no-public-storage", () => {
    it("GCS: uniform bucket-level access and enforced public access prevention", () => {
      const good = { uniformBucketLevelAccess: true, publicAccessPrevention: "enforced" };
      trips(noPublicStorage, resource("gcp:storage/bucket:Bucket", "raw", { ...good, uniformBucketLevelAccess: false }), resource("gcp:storage/bucket:Bucket", "raw", good), /uniformBucketLevelAccess/);
      trips(noPublicStorage, resource("gcp:storage/bucket:Bucket", "raw", { ...good, publicAccessPrevention: "inherited" }), resource("gcp:storage/bucket:Bucket", "raw", good), /publicAccessPrevention/);
    });

    it("S3 ACLs and Redshift/RDS public endpoints", () => {
      trips(noPublicStorage, resource("aws:s3/bucketAclV2:BucketAclV2", "acl", { acl: "public-read" }), resource("aws:s3/bucketAclV2:BucketAclV2", "acl", { acl: "private" }), /ACL/);
      trips(noPublicStorage, resource("aws:redshiftserverless/workgroup:Workgroup", "wg", { publiclyAccessible: true }), resource("aws:redshiftserverless/workgroup:Workgroup", "wg", { publiclyAccessible: false }), /publiclyAccessible/);
    });
  });

  describe("no-open-ingress", () => {
    const rule = noOpenIngress;
    it("security groups, rules and GCP firewalls must not admit 0.0.0.0/0 or ::/0", () => {
      trips(rule, resource("aws:ec2/securityGroup:SecurityGroup", "sg", { ingress: [{ protocol: "tcp", fromPort: 9098, toPort: 9098, cidrBlocks: ["0.0.0.0/0"] }] }),
        resource("aws:ec2/securityGroup:SecurityGroup", "sg", { ingress: [{ protocol: "tcp", fromPort: 9098, toPort: 9098, securityGroups: ["sg-1"] }] }), /0\.0\.0\.0\/0/);
      trips(rule, resource("aws:ec2/securityGroupRule:SecurityGroupRule", "r", { type: "ingress", ipv6CidrBlocks: ["::/0"] }), resource("aws:ec2/securityGroupRule:SecurityGroupRule", "r", { type: "egress", cidrBlocks: ["0.0.0.0/0"] }), /ingress/);
      trips(rule, resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", { cidrIpv4: "0.0.0.0/0" }), resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "r", { cidrIpv4: "10.0.0.0/16" }), /0\.0\.0\.0\/0/);
      trips(rule, resource("gcp:compute/firewall:Firewall", "fw", { sourceRanges: ["0.0.0.0/0"] }), resource("gcp:compute/firewall:Firewall", "fw", { sourceRanges: ["10.0.0.0/8"] }), /firewall/);
    });
  });

  describe("no-public-gcp-members", () => {
    const invoker = (name: string, member: string, role = "roles/run.invoker") => resource("gcp:cloudrunv2/serviceIamMember:ServiceIamMember", name, { role, member, name: "ingest" });
    it("allUsers / allAuthenticatedUsers grants trip it", () => {
      trips(noPublicGcpMembers, resource("gcp:storage/bucketIAMMember:BucketIAMMember", "lake-raw-reader", { bucket: "b", role: "roles/storage.objectViewer", member: "allUsers" }),
        resource("gcp:storage/bucketIAMMember:BucketIAMMember", "lake-raw-reader", { bucket: "b", role: "roles/storage.objectViewer", member: "serviceAccount:x@p.iam.gserviceaccount.com" }), /allUsers/);
      trips(noPublicGcpMembers, resource("gcp:pubsub/topicIAMBinding:TopicIAMBinding", "raw-publishers", { topic: "t", role: "roles/pubsub.publisher", members: ["allAuthenticatedUsers"] }),
        resource("gcp:pubsub/topicIAMBinding:TopicIAMBinding", "raw-publishers", { topic: "t", role: "roles/pubsub.publisher", members: ["serviceAccount:x@p.iam.gserviceaccount.com"] }), /allAuthenticatedUsers/);
    });

    it("only the ingest function's invoker (named for that role, invoker role, allUsers) is exempt", () => {
      assert.deepEqual(noPublicGcpMembers.check(invoker("telemetry-ingest-invoker", "allUsers"), DEV), []);
      assert.deepEqual(noPublicGcpMembers.check(invoker("telemetry-ingest-fn-invoker", "allUsers", "roles/cloudfunctions.invoker"), DEV), []);
      assert.equal(noPublicGcpMembers.check(invoker("telemetry-dashboard-invoker", "allUsers"), DEV).length, 1, "another function's public invoker");
      assert.equal(noPublicGcpMembers.check(invoker("telemetry-ingest-invoker", "allUsers", "roles/run.admin"), DEV).length, 1, "a non-invoker role");
      assert.equal(noPublicGcpMembers.check(invoker("telemetry-ingest-invoker", "allAuthenticatedUsers"), DEV).length, 1, "allAuthenticatedUsers is not the exemption");
    });
  });

  describe("no-public-resource-policy", () => {
    const topicPolicy = (statement: Record<string, unknown>) => resource("aws:sns/topicPolicy:TopicPolicy", "alerts-policy", { arn: "arn:aws:sns:us-east-1:123456789012:alerts", policy: JSON.stringify({ Statement: [statement] }) });
    const publish = { Sid: "Publish", Effect: "Allow", Principal: { AWS: "*" }, Action: "sns:Publish", Resource: "arn:aws:sns:us-east-1:123456789012:alerts" };
    it('Principal "*" needs a narrowing condition; Lambda permissions never name "*"', () => {
      trips(noPublicResourcePolicy, topicPolicy(publish), topicPolicy({ ...publish, Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }), /"Publish" allows Principal "\*"/);
      trips(noPublicResourcePolicy, topicPolicy({ ...publish, Principal: "*" }), topicPolicy({ ...publish, Principal: { Service: "cloudwatch.amazonaws.com" } }), /without a condition/);
      trips(noPublicResourcePolicy, resource("aws:lambda/permission:Permission", "invoke", { principal: "*", action: "lambda:InvokeFunction" }),
        resource("aws:lambda/permission:Permission", "invoke", { principal: "apigateway.amazonaws.com", action: "lambda:InvokeFunction" }), /principal "\*"/);
    });
  });

  describe("iam-no-wildcards", () => {
    const rolePolicy = (statement: Record<string, unknown>) => resource("aws:iam/rolePolicy:RolePolicy", "p", { role: "r", policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }) });
    const scoped = { Effect: "Allow", Action: ["kinesis:PutRecords"], Resource: "arn:aws:kinesis:us-east-1:123456789012:stream/dev-client-game_event-raw" };

    it('"*" and "service:*" actions trip it', () => {
      trips(iamNoWildcards, rolePolicy({ ...scoped, Action: "kinesis:*" }), rolePolicy(scoped), /wildcard action\(s\) kinesis:\*/);
      trips(iamNoWildcards, rolePolicy({ ...scoped, Action: "*" }), rolePolicy(scoped), /wildcard action\(s\) \*/);
    });

    it('Resource "*" trips it unless every action is on the allow-list', () => {
      trips(iamNoWildcards, rolePolicy({ ...scoped, Resource: "*" }), rolePolicy({ Effect: "Allow", Action: ["xray:PutTraceSegments"], Resource: "*" }), /kinesis:PutRecords on Resource "\*"/);
      assert.equal(iamNoWildcards.check(rolePolicy({ Effect: "Allow", Action: ["xray:PutTraceSegments", "s3:GetObject"], Resource: "*" }), DEV).length, 1);
    });

    it("an allow-listed action with a required condition key needs that condition", () => {
      const namespaced = { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "Telemetry" } } };
      trips(iamNoWildcards, rolePolicy({ ...namespaced, Condition: undefined }), rolePolicy(namespaced), /cloudwatch:PutMetricData on Resource "\*"/);
    });

    it("NotAction / NotResource in an Allow trip it; Deny statements may use wildcards", () => {
      trips(iamNoWildcards, rolePolicy({ Effect: "Allow", NotAction: "iam:*", Resource: scoped.Resource }), rolePolicy({ Effect: "Deny", Action: "*", Resource: "*" }), /NotAction/);
    });

    it("inline role policies and managed-policy attachments are checked", () => {
      const role = (statement: Record<string, unknown>) => resource("aws:iam/role:Role", "r", { inlinePolicies: [{ name: "inline", policy: JSON.stringify({ Statement: [statement] }) }] });
      trips(iamNoWildcards, role({ ...scoped, Action: "s3:*" }), role(scoped), /inline policy inline/);
      trips(iamNoWildcards, resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "r", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
        resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "r", policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }), /AdministratorAccess/);
    });
  });

  describe("log retention", () => {
    it("log-retention: log groups must expire events", () => {
      trips(logRetention, resource("aws:cloudwatch/logGroup:LogGroup", "lg", { name: "/aws/lambda/p" }), resource("aws:cloudwatch/logGroup:LogGroup", "lg", { name: "/aws/lambda/p", retentionInDays: 14 }), /retentionInDays/);
      assert.equal(logRetention.check(resource("aws:cloudwatch/logGroup:LogGroup", "lg", { retentionInDays: 0 }), DEV).length, 1);
    });

    it("lambda-log-group: a function needs its managed log group (by default name or loggingConfig)", () => {
      const fn = resource("aws:lambda/function:Function", "processor", { name: "tlm-dev-processor" });
      const group = resource("aws:cloudwatch/logGroup:LogGroup", "processor-logs", { name: "/aws/lambda/tlm-dev-processor", retentionInDays: 14 });
      assert.match(lambdaLogGroups.check([fn], DEV)[0].message, /no managed log group/);
      assert.deepEqual(lambdaLogGroups.check([fn, group], DEV), []);
      const custom = resource("aws:lambda/function:Function", "authorizer", { name: "a", loggingConfig: { logFormat: "JSON", logGroup: "/telemetry/dev/authorizer" } });
      const customGroup = resource("aws:cloudwatch/logGroup:LogGroup", "authorizer-logs", { name: "/telemetry/dev/authorizer", retentionInDays: 14 });
      assert.equal(lambdaLogGroups.check([custom, group], DEV).length, 1);
      assert.deepEqual(lambdaLogGroups.check([custom, customGroup], DEV), []);
      const autoNamed = resource("aws:lambda/function:Function", "tlm-dev-processor", {});
      assert.equal(lambdaLogGroups.check([autoNamed, group], DEV).length, 1, "an auto-named function gets a random suffix, so its default group cannot be predicted");
    });
  });

  describe("protect-stateful-stores", () => {
    it("with protectData, stateful stores need protect or retainOnDelete; without it nothing is required", () => {
      for (const type of ["aws:s3/bucket:Bucket", "aws:dynamodb/table:Table", "aws:kinesis/stream:Stream", "gcp:bigquery/table:Table"]) {
        assert.ok(STATEFUL_TYPES.has(type));
        trips(protectStatefulStores, resource(type, "store", {}), resource(type, "store", {}, { protect: true }), /must be protected/, PROD);
        assert.deepEqual(protectStatefulStores.check(resource(type, "store", {}, { retainOnDelete: true }), PROD), []);
        assert.deepEqual(protectStatefulStores.check(resource(type, "store", {}), DEV), []);
      }
      assert.deepEqual(protectStatefulStores.check(resource("aws:lambda/function:Function", "fn", {}), PROD), [], "stateless resources are not judged");
      trips(protectStatefulStores, resource("aws:dynamodb/table:Table", "t", { deletionProtectionEnabled: false }), resource("aws:dynamodb/table:Table", "t", { deletionProtectionEnabled: true }), /must be protected/, PROD);
      trips(protectStatefulStores, resource("gcp:firestore/database:Database", "keys", {}), resource("gcp:firestore/database:Database", "keys", { deleteProtectionState: "DELETE_PROTECTION_ENABLED" }), /must be protected/, PROD);
    });
  });

  describe("required-tags", () => {
    it("taggable AWS resources carry project, stack (= this stack) and managed-by", () => {
      trips(requiredTags, resource("aws:kinesis/stream:Stream", "raw", { tags: { project: "game-telemetry" } }), resource("aws:kinesis/stream:Stream", "raw", { tags: TAGS }), /missing tags stack, managed-by/);
      trips(requiredTags, resource("aws:kinesis/stream:Stream", "raw", { tags: { ...TAGS, stack: "prod" } }), resource("aws:kinesis/stream:Stream", "raw", { tags: TAGS }), /tags\.stack is "prod"/);
      assert.deepEqual(requiredTags.check(resource("aws:iam/rolePolicy:RolePolicy", "p", {}), DEV), [], "RolePolicy takes no tags");
    });

    it("labelled GCP resources carry the same labels; a channel's settings-`labels` are not judged", () => {
      trips(requiredTags, resource("gcp:pubsub/topic:Topic", "raw", {}), resource("gcp:pubsub/topic:Topic", "raw", { labels: TAGS }), /missing labels project, stack, managed-by/);
      assert.deepEqual(requiredTags.check(resource("gcp:monitoring/notificationChannel:NotificationChannel", "email", { labels: { email_address: "a@b.c" } }), DEV), []);
    });
  });

  it("evaluateRules names rule, resource and message for every violation", () => {
    const bad = resource("aws:sns/topic:Topic", "alerts", { tags: TAGS });
    assert.deepEqual(evaluateRules([bad], DEV), [{ rule: "encryption-at-rest", urn: bad.urn, type: bad.type, name: "alerts", message: "SNS topic must set kmsMasterKeyId" }]);
  });
});
