import assert from "node:assert/strict";
import { ConfigError, parseTelemetryConfig } from "../../components/config";
import { deriveMskSizing, mskVariantSizing } from "../../components/aws/msk-sizing";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const devLoad = { peakEventsPerSecond: 200, averageEventsPerSecond: 50, averageEventBytes: 1024, eventsPerRequest: 100 };
const prodLoad = { peakEventsPerSecond: 100_000, averageEventsPerSecond: 35_000, averageEventBytes: 1024, eventsPerRequest: 100 };

describe("msk sizing", () => {
  it("dev load (200 events/s × 1 KiB) gets MSK Serverless over 2 AZs with 2 partitions", () => {
    const sizing = deriveMskSizing(parseTelemetryConfig({ variant: "aws-msk", load: devLoad, retention: { streamHours: 24 } }));
    const peakMiBps = (200 * 1024) / MiB; // 0.1953 < serverlessBelowMiBps 4
    assert.equal(sizing.clusterType, "serverless");
    assert.equal(sizing.availabilityZones, 2);
    assert.equal(sizing.peakMiBps, peakMiBps);
    // need = max(0.195 MiB/s ÷ 1 MiB/s, 200 ÷ 500 events/s per partition) = 0.4; × 1.2 = 0.48 → 1 → multiple of 2 AZs
    assert.deepEqual(sizing.partitions, { raw: 2, clean: 2, deadLetter: 2 });
    assert.equal(sizing.replicationFactor, 3);
    assert.equal(sizing.minInsyncReplicas, 2);
    assert.equal(sizing.provisioned, undefined);
    // pollers: at most one per partition (2), at least ceil(0.234 MiB/s ÷ 5) = 1
    assert.deepEqual(sizing.pollers, { minimum: 1, maximum: 2 });
  });

  it("prod load (100k events/s peak, 35k avg, 168 h) gets 12 × kafka.m7g.xlarge with 14,420 GiB each", () => {
    const config = parseTelemetryConfig({ variant: "aws-msk", load: prodLoad, retention: { streamHours: 168 } });
    const sizing = deriveMskSizing(config);
    const ingress = ((100_000 * 1024) / MiB) * 1.2; // 117.19 MiB/s with headroom
    assert.equal(sizing.clusterType, "provisioned");
    assert.equal(sizing.availabilityZones, 3);
    // m7g.large (16 MiB/s): ceil(117.19 / 16) = 8 brokers > 2 per AZ × 3; m7g.xlarge (32): ceil(3.66) = 4 ≤ 6
    assert.equal(Math.ceil(ingress / 16), 8);
    assert.equal(Math.ceil(ingress / 32), 4);
    assert.equal(sizing.provisioned!.instanceType, "kafka.m7g.xlarge");
    // disk: 35,000 × 1024 B/s × 2 topics × 168 h × 3600 s × 3 replicas ÷ 0.7 fill target
    const diskGiB = (35_000 * 1024 * 2 * 168 * 3600 * 3) / GiB / 0.7;
    assert.ok(Math.abs(diskGiB - 173_034.67) < 0.01);
    // ceil(173,034.7 ÷ 16,384 GiB per volume) = 11 → max(4, 11, 3) rounded up to a multiple of 3 AZs = 12
    assert.equal(sizing.provisioned!.brokers, 12);
    assert.equal(sizing.provisioned!.storageGiB, Math.ceil(diskGiB / 12)); // 14,420
    assert.equal(sizing.provisioned!.storageGiB, 14_420);
    // partitions: max(97.66 MiB/s, 100,000 ÷ 500) = 200 × 1.2 = 240, a multiple of 12 brokers
    assert.deepEqual(sizing.partitions, { raw: 240, clean: 240, deadLetter: 12 });
    assert.equal(sizing.replicationFactor, 3);
    assert.equal(sizing.minInsyncReplicas, 2);
    assert.deepEqual(sizing.pollers, { minimum: Math.ceil(ingress / 5), maximum: 240 }); // 24..240
    assert.equal(sizing.connectWorkers.maximum, 10); // ceil(117 ÷ 4) = 30, capped at MSK Connect's 10
  });

  it("the heavy tier's deduped topic is a third full-stream topic on disk and in the replica budget", () => {
    const sizing = deriveMskSizing(parseTelemetryConfig({ variant: "aws-msk", tier: "heavy", load: prodLoad, retention: { streamHours: 168 } }));
    const diskGiB = (35_000 * 1024 * 3 * 168 * 3600 * 3) / GiB / 0.7; // raw + clean + deduped
    assert.equal(Math.ceil(diskGiB / 16_384), 16);
    assert.equal(sizing.provisioned!.brokers, 18); // max(4, 16, 3) → multiple of 3
    assert.equal(sizing.provisioned!.storageGiB, Math.ceil(diskGiB / 18));
    assert.equal(sizing.partitions.raw, 252); // 240 rounded up to a multiple of 18 brokers
  });

  it("a 24 h retention at prod load needs only the throughput brokers", () => {
    const sizing = deriveMskSizing(parseTelemetryConfig({ variant: "aws-msk", load: prodLoad, retention: { streamHours: 24 } }));
    const diskGiB = (35_000 * 1024 * 2 * 24 * 3600 * 3) / GiB / 0.7; // 24,719 GiB → 2 volumes
    assert.equal(Math.ceil(diskGiB / 16_384), 2);
    // max(4 throughput, 2 storage, 3 AZs) = 4 → next multiple of 3 = 6
    assert.equal(sizing.provisioned!.brokers, 6);
    assert.equal(sizing.provisioned!.storageGiB, Math.ceil(diskGiB / 6));
    assert.equal(sizing.partitions.raw, 240); // already a multiple of 6
  });

  it("two brokers (2 AZs, overridden) replicate twice with min.insync.replicas 1", () => {
    const sizing = deriveMskSizing(
      parseTelemetryConfig({ variant: "aws-msk", load: devLoad, msk: { clusterType: "provisioned", availabilityZones: 2, brokerCount: 2 } }),
    );
    assert.equal(sizing.provisioned!.brokers, 2);
    assert.equal(sizing.replicationFactor, 2);
    assert.equal(sizing.minInsyncReplicas, 1);
    assert.equal(sizing.provisioned!.instanceType, "kafka.m7g.large");
    assert.equal(sizing.provisioned!.storageGiB, 100); // the floor: 50 × 1024 × 2 × 24 h × 2 replicas ÷ 0.7 is 0.6 GiB
  });

  it("overrides win: instance type, storage, partitions", () => {
    const sizing = deriveMskSizing(
      parseTelemetryConfig({ variant: "aws-msk", load: prodLoad, msk: { brokerInstanceType: "kafka.m7g.4xlarge", brokerCount: 6, brokerStorageGiB: 16000, partitions: 600 } }),
    );
    assert.equal(sizing.provisioned!.instanceType, "kafka.m7g.4xlarge");
    assert.equal(sizing.provisioned!.brokers, 6);
    assert.equal(sizing.provisioned!.storageGiB, 16000);
    assert.equal(sizing.partitions.raw, 600);
  });

  it("refuses a broker count that is not a multiple of the AZs, naming key, value and allowed values", () => {
    const config = parseTelemetryConfig({ variant: "aws-msk", load: prodLoad, msk: { brokerCount: 4 } });
    assert.throws(() => deriveMskSizing(config), (e: Error) => e instanceof ConfigError && /msk\.brokerCount = 4/.test(e.message) && /3, 6, 9/.test(e.message));
  });

  it("refuses broker settings on a serverless cluster and too many serverless partitions", () => {
    assert.throws(() => deriveMskSizing(parseTelemetryConfig({ variant: "aws-msk", msk: { clusterType: "serverless", brokerCount: 3 } })), /clusterType = "serverless"/);
    assert.throws(() => deriveMskSizing(parseTelemetryConfig({ variant: "aws-msk", msk: { partitions: 121 } })), /msk\.partitions = 121.*1–120/);
  });

  it("refuses a retention the brokers cannot hold", () => {
    const config = parseTelemetryConfig({ variant: "aws-msk", load: prodLoad, retention: { streamHours: 168 }, msk: { brokerCount: 3 } });
    assert.throws(() => deriveMskSizing(config), (e: Error) => e instanceof ConfigError && /16384 GiB/.test(e.message));
  });

  it("refuses partitions that overload the brokers' replica budget", () => {
    const config = parseTelemetryConfig({ variant: "aws-msk", load: prodLoad, retention: { streamHours: 24 }, msk: { brokerCount: 3, partitions: 1000, brokerStorageGiB: 16000 } });
    // (1000 + 1000 + 3) × 3 replicas ÷ 3 brokers = 2003 > 1000 for m7g.xlarge
    assert.throws(() => deriveMskSizing(config), /2003 partition replicas/);
  });

  it("the plan hook describes the cluster", () => {
    const text = mskVariantSizing(parseTelemetryConfig({ variant: "aws-msk", load: prodLoad, retention: { streamHours: 168 } }));
    assert.match(String(text.cluster), /^12 × kafka\.m7g\.xlarge, 14420 GiB each, over 3 AZs/);
    assert.deepEqual(text.partitions, { raw: 240, clean: 240, deadLetter: 12 });
  });
});

describe("msk config", () => {
  it("connect delivery requires the plugin source and its SHA-256", () => {
    assert.throws(
      () => parseTelemetryConfig({ msk: { delivery: "connect" } }),
      (e: Error) => e instanceof ConfigError && /telemetry:msk\.connectorPluginSource/.test(e.message) && /telemetry:msk\.connectorPluginSha256/.test(e.message),
    );
  });

  it("rejects a malformed plugin hash and a VPC CIDR outside 10.x/16", () => {
    assert.throws(() => parseTelemetryConfig({ msk: { connectorPluginSha256: "ABC" } }), /connectorPluginSha256 = "ABC" is invalid: must match \/\^\[0-9a-f\]\{64\}\$\//);
    assert.throws(() => parseTelemetryConfig({ msk: { vpcCidr: "192.168.0.0/16" } }), /msk\.vpcCidr = "192\.168\.0\.0\/16".*10\.x\.0\.0\/16/);
  });
});
