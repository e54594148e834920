/**
 * The guardrail policy pack: `pulumi preview --policy-pack policy`. Every rule lives in
 * `policy/rules/` as a plain function (tests run them in-process over the offline plans); this file
 * only serves them. Constructing the PolicyPack starts the analyzer server, so nothing imports it.
 */
import { PolicyPack } from "@pulumi/policy";
import { toPackPolicies } from "./pack-adapter";
import { RULES } from "./rules";
import { contextForStack, stackFromUrn } from "./stack-context";

new PolicyPack("telemetry-guardrails", {
  description: "Game-telemetry pipeline guardrails: encryption, TLS, no public data, least-privilege IAM, log retention, data protection, tags.",
  enforcementLevel: "mandatory",
  policies: toPackPolicies(RULES, (urn) => contextForStack(stackFromUrn(urn))),
});
