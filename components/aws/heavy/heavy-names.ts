/**
 * Physical names of the heavy tier's resources (pure), each fitted to and checked against its
 * service's limit. Limits not already in `components/aws/limits.ts` are stated here with their rule.
 */
import type { Names } from "../../naming";
import { checkName, NAME_LIMITS } from "../limits";

/** name rules of the services only the heavy tier uses */
export const HEAVY_NAME_RULES = {
  /** Managed Flink application: 1–128 of [A-Za-z0-9_.-]. */
  flinkApplication: { max: 128, pattern: /^[A-Za-z0-9_.-]+$/ },
  /** Step Functions state machine: 1–80 of [A-Za-z0-9_-]. */
  stateMachine: { max: 80, pattern: /^[A-Za-z0-9_-]+$/ },
  /** Glue job: 1–255, no control characters. */
  glueJob: { max: 255, pattern: /^[\w.-]+$/ },
  /** Redshift Serverless namespace / workgroup: 3–64 lower-case letters, digits and hyphens. */
  redshift: { max: 64, pattern: /^[a-z0-9-]{3,64}$/ },
  /** RDS instance identifier: 1–63, starts with a letter, lower-case letters, digits, single hyphens, no trailing hyphen. */
  rdsIdentifier: { max: 63, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/ },
  /** EMR Serverless application: 1–64 of [A-Za-z0-9_.#/-]. */
  emrApplication: { max: 64, pattern: /^[A-Za-z0-9_.#/-]+$/ },
  /** Managed Grafana workspace: 1–255 of [A-Za-z0-9-._~]. */
  grafanaWorkspace: { max: 255, pattern: /^[A-Za-z0-9._~-]+$/ },
  /** EventBridge rule: 1–64 of [A-Za-z0-9._-]. */
  eventRule: { max: 64, pattern: /^[A-Za-z0-9._-]+$/ },
} as const;

export type HeavyNamedKind = keyof typeof HEAVY_NAME_RULES;

export function checkHeavyName(kind: HeavyNamedKind, name: string): string {
  const rule = HEAVY_NAME_RULES[kind];
  if (name.length === 0 || name.length > rule.max) throw new RangeError(`${kind} name "${name}" has ${name.length} characters; allowed 1–${rule.max}`);
  if (!rule.pattern.test(name)) throw new RangeError(`${kind} name "${name}" does not match ${rule.pattern}`);
  return name;
}

export interface HeavyNames {
  flinkApplication: string;
  flinkRole: string;
  flinkLogGroup: string;
  enrichmentJob: string;
  enrichmentRole: string;
  enrichmentSchedule: string;
  enrichmentSchedulerRole: string;
  emrApplication: string;
  stateMachine: string;
  stateMachineRole: string;
  stateMachineLogGroup: string;
  goldSchedule: string;
  goldSchedulerRole: string;
  goldTable: string;
  goldDatabase: string;
  redshiftNamespace: string;
  redshiftWorkgroup: string;
  redshiftCopyRole: string;
  rdsInstance: string;
  loaderFunction: string;
  goldExporterFunction: string;
  loaderSchedule: string;
  loaderSchedulerRole: string;
  grafanaWorkspace: string;
  grafanaRole: string;
  prometheusAlias: string;
  alarmPrefix: string;
}

export function heavyNames(names: Names): HeavyNames {
  const r = (role: string, kind: keyof typeof NAME_LIMITS) => checkName(kind, names.resource(role, NAME_LIMITS[kind]));
  const h = (role: string, kind: HeavyNamedKind) => checkHeavyName(kind, names.resource(role, HEAVY_NAME_RULES[kind].max));
  const flinkApplication = h("dedup", "flinkApplication");
  const stateMachine = h("gold-batch", "stateMachine");
  return {
    flinkApplication,
    flinkRole: r("flink-dedup", "iamRole"),
    flinkLogGroup: checkName("logGroup", `/aws/kinesis-analytics/${flinkApplication}`),
    enrichmentJob: h("enrich-silver", "glueJob"),
    enrichmentRole: r("enrich-silver", "iamRole"),
    enrichmentSchedule: r("enrich-silver", "schedulerSchedule"),
    enrichmentSchedulerRole: r("enrich-schedule", "iamRole"),
    emrApplication: h("enrich", "emrApplication"),
    stateMachine,
    stateMachineRole: r("gold-batch", "iamRole"),
    // Step Functions logs to /aws/vendedlogs/…: that prefix keeps CloudWatch's resource policy small.
    stateMachineLogGroup: checkName("logGroup", `/aws/vendedlogs/states/${stateMachine}`),
    goldSchedule: r("gold-batch", "schedulerSchedule"),
    goldSchedulerRole: r("gold-schedule", "iamRole"),
    goldTable: r("player-daily", "dynamodbTable"),
    goldDatabase: checkName("glueDatabase", names.resource("gold", NAME_LIMITS.glueDatabase).toLowerCase().replace(/[^a-z0-9_]/g, "_")),
    redshiftNamespace: h("warehouse", "redshift").toLowerCase(),
    redshiftWorkgroup: h("bi", "redshift").toLowerCase(),
    redshiftCopyRole: r("redshift-copy", "iamRole"),
    rdsInstance: checkHeavyName("rdsIdentifier", names.resource("reporting", 63).toLowerCase().replace(/_/g, "-")),
    loaderFunction: r("warehouse-loader", "lambdaFunction"),
    goldExporterFunction: r("gold-exporter", "lambdaFunction"),
    loaderSchedule: r("warehouse-loader", "schedulerSchedule"),
    loaderSchedulerRole: r("loader-schedule", "iamRole"),
    grafanaWorkspace: h("grafana", "grafanaWorkspace"),
    grafanaRole: r("grafana", "iamRole"),
    prometheusAlias: names.resource("prometheus", 100),
    alarmPrefix: names.resource("heavy", 200),
  };
}
