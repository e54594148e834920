import assert from "node:assert/strict";
import { KAFKA_IAM_TLS_PORT, privateSubnetCidrs, publicSubnetCidrs, securityGroupRules, VPC_ENDPOINTS } from "../../components/aws/network-plan";

/** [first, last] address of a CIDR as integers. */
function range(cidr: string): [number, number] {
  const [ip, bits] = cidr.split("/");
  const base = ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  return [base, base + 2 ** (32 - Number(bits)) - 1];
}

describe("msk network plan", () => {
  it("private and public subnets lie inside the VPC and never overlap", () => {
    const vpc = range("10.40.0.0/16");
    const subnets = [...privateSubnetCidrs("10.40.0.0/16", 3), ...publicSubnetCidrs("10.40.0.0/16", 3)].map((s) => range(s.cidr));
    for (const [first, last] of subnets) assert.ok(first >= vpc[0] && last <= vpc[1]);
    for (let i = 0; i < subnets.length; i++) {
      for (let j = i + 1; j < subnets.length; j++) assert.ok(subnets[i][1] < subnets[j][0] || subnets[j][1] < subnets[i][0], `subnets ${i} and ${j} overlap`);
    }
    // /20 private subnets: 4,096 addresses each (brokers, Lambda ENIs, connectors)
    assert.equal(range(privateSubnetCidrs("10.40.0.0/16", 2)[1].cidr)[0] - range("10.40.0.0/16")[0], 16 * 256);
  });

  it("refuses a VPC block that is not a /16", () => {
    assert.throws(() => privateSubnetCidrs("10.40.0.0/20", 2), /not an a\.b\.0\.0\/16/);
  });

  it("opens Kafka (9098) only between the pipeline's own groups, and only into the brokers", () => {
    const rules = securityGroupRules();
    const kafka = rules.filter((r) => r.port === KAFKA_IAM_TLS_PORT);
    assert.ok(kafka.length > 0);
    for (const rule of kafka) {
      assert.ok("group" in rule.peer, `9098 rule ${rule.description} names a CIDR`);
      if (rule.direction === "ingress") assert.equal(rule.group, "brokers");
      else assert.equal((rule.peer as { group: string }).group, "brokers");
    }
    const ingressFrom = kafka.filter((r) => r.direction === "ingress").map((r) => (r.peer as { group: string }).group).sort();
    // self (Lambda pollers / Firehose ENIs use the cluster's group), the functions and the connectors
    assert.deepEqual(ingressFrom, ["brokers", "connect", "functions"]);
    // nothing is open to a CIDR on ingress, and the only ports are 9098 and 443
    assert.ok(rules.filter((r) => r.direction === "ingress").every((r) => "group" in r.peer));
    assert.deepEqual([...new Set(rules.map((r) => r.port))].sort(), [443, 9098]);
    // the endpoints group only takes HTTPS from the pipeline's groups
    assert.ok(rules.filter((r) => r.group === "endpoints").every((r) => r.direction === "ingress" && r.port === 443));
  });

  it("every VPC endpoint has a caller, and the interface ones are those Lambda's MSK trigger and topic-admin need", () => {
    assert.ok(VPC_ENDPOINTS.every((e) => e.usedBy.length > 0));
    assert.deepEqual(VPC_ENDPOINTS.filter((e) => e.type === "Gateway").map((e) => e.service).sort(), ["dynamodb", "s3"]);
    assert.deepEqual(VPC_ENDPOINTS.filter((e) => e.type === "Interface").map((e) => e.service).sort(), ["kafka", "lambda", "sts"]);
  });
});
