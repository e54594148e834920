/** No public data: S3 public access blocked, GCS uniform access + prevention, no public databases, no open ingress. */
import { S3_PUBLIC_ACCESS_BLOCK_TYPE, s3Buckets } from "./bucket-types";
import { equals, isTrue, perTypeRule } from "./per-type";
import { refersTo } from "./references";
import type { CheckedResource, ResourceRule, StackRule } from "./types";
import { asList, containsUnknown } from "./values";

const PUBLIC_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const notPublicAcl = (value: unknown) => value === undefined || (typeof value === "string" && !PUBLIC_ACLS.has(value));
const notTrue = (value: unknown) => value !== true;

export const noPublicStorage = perTypeRule(
  {
    name: "no-public-storage",
    description: "Buckets and databases are never reachable by the public: GCS uniform access with public access prevention enforced, no public S3 ACLs, no publicly accessible warehouses or databases.",
    severity: "critical",
  },
  {
    "gcp:storage/bucket:Bucket": [
      { path: "uniformBucketLevelAccess", test: isTrue, message: "GCS bucket must set uniformBucketLevelAccess = true" },
      { path: "publicAccessPrevention", test: equals("enforced"), message: 'GCS bucket must set publicAccessPrevention = "enforced"' },
    ],
    "aws:s3/bucketAcl:BucketAcl": [{ path: "acl", test: notPublicAcl, message: "S3 bucket ACL must not grant public or any-authenticated-user access" }],
    "aws:s3/bucketAclV2:BucketAclV2": [{ path: "acl", test: notPublicAcl, message: "S3 bucket ACL must not grant public or any-authenticated-user access" }],
    "aws:redshiftserverless/workgroup:Workgroup": [{ path: "publiclyAccessible", test: notTrue, message: "Redshift Serverless workgroup must not be publiclyAccessible" }],
    "aws:rds/instance:Instance": [{ path: "publiclyAccessible", test: notTrue, message: "RDS instance must not be publiclyAccessible" }],
  },
);

const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const;

export const s3PublicAccessBlock: StackRule = {
  kind: "stack",
  name: "s3-public-access-block",
  description: "Every S3 bucket has a public access block with all four settings true.",
  severity: "critical",
  check(resources) {
    const blocks = resources.filter((r) => r.type === S3_PUBLIC_ACCESS_BLOCK_TYPE);
    return s3Buckets(resources).flatMap((bucket) => {
      const own = blocks.filter((b) => refersTo(b, "bucket", bucket));
      if (own.some((b) => PAB_FLAGS.some((flag) => containsUnknown(b.inputs[flag])))) return [];
      if (own.length === 0) return [{ resource: bucket, message: `S3 bucket ${bucket.name} has no BucketPublicAccessBlock` }];
      const complete = own.some((b) => PAB_FLAGS.every((flag) => b.inputs[flag] === true));
      if (complete) return [];
      const missing = PAB_FLAGS.filter((flag) => !own.some((b) => b.inputs[flag] === true));
      return [{ resource: bucket, message: `S3 bucket ${bucket.name}'s public access block must set ${missing.join(", ")} = true` }];
    });
  },
};

const OPEN_RANGES = new Set(["0.0.0.0/0", "::/0"]);
const opens = (ranges: unknown) => asList(ranges as string[]).some((range) => OPEN_RANGES.has(range));

function openIngress(resource: CheckedResource): string[] {
  const { inputs } = resource;
  if (containsUnknown(inputs.ingress) || containsUnknown(inputs.cidrBlocks) || containsUnknown(inputs.sourceRanges)) return [];
  switch (resource.type) {
    case "aws:ec2/securityGroup:SecurityGroup":
      return asList(inputs.ingress as Record<string, unknown>[]).some((rule) => opens(rule.cidrBlocks) || opens(rule.ipv6CidrBlocks))
        ? ["security group allows ingress from 0.0.0.0/0 or ::/0"]
        : [];
    case "aws:ec2/securityGroupRule:SecurityGroupRule":
      return inputs.type === "ingress" && (opens(inputs.cidrBlocks) || opens(inputs.ipv6CidrBlocks)) ? ["security group rule allows ingress from 0.0.0.0/0 or ::/0"] : [];
    case "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule":
      return opens(inputs.cidrIpv4) || opens(inputs.cidrIpv6) ? ["security group ingress rule allows 0.0.0.0/0 or ::/0"] : [];
    case "gcp:compute/firewall:Firewall":
      return inputs.direction !== "EGRESS" && opens(inputs.sourceRanges) ? ["firewall allows ingress from 0.0.0.0/0 or ::/0"] : [];
    default:
      return [];
  }
}

export const noOpenIngress: ResourceRule = {
  kind: "resource",
  name: "no-open-ingress",
  description: "No security group, security group rule or firewall admits traffic from 0.0.0.0/0 or ::/0.",
  severity: "critical",
  check: openIngress,
};
