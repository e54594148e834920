/**
 * One CloudWatch alarm from an AlarmSpec (a single metric, or metric math), notifying the alert
 * topic on alarm and on recovery. Shared by the light-tier and heavy-tier monitoring components.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { checkName } from "../limits";
import { ALARM_PERIOD_SECONDS, type AlarmSpec, type MetricRef } from "./alarm-specs";

export interface MetricAlarmTarget {
  /** Physical alarm names are `<alarmPrefix>-<spec id>`. */
  alarmPrefix: string;
  alertTopicArn: pulumi.Input<string>;
  tags: Record<string, string>;
}

export function createMetricAlarm(name: string, spec: AlarmSpec, target: MetricAlarmTarget, opts: pulumi.CustomResourceOptions): aws.cloudwatch.MetricAlarm {
  const metric = (m: MetricRef) => ({ namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions, period: ALARM_PERIOD_SECONDS, stat: m.stat });
  const single = spec.metric;
  // Percentiles (p99 …) go in extendedStatistic; CloudWatch rejects them as a statistic.
  const isPercentile = single !== undefined && /^p\d/.test(single.stat);
  if (!single && !spec.math) throw new RangeError(`alarm ${spec.id} has neither a metric nor metric math`);
  return new aws.cloudwatch.MetricAlarm(
    `${name}-${spec.id}`,
    {
      name: checkName("cloudwatchAlarm", `${target.alarmPrefix}-${spec.id}`),
      alarmDescription: spec.description,
      comparisonOperator: spec.comparison,
      threshold: spec.threshold,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm,
      treatMissingData: spec.treatMissingData,
      alarmActions: [target.alertTopicArn],
      okActions: [target.alertTopicArn],
      ...(single
        ? {
            namespace: single.namespace,
            metricName: single.metricName,
            dimensions: single.dimensions,
            period: ALARM_PERIOD_SECONDS,
            ...(isPercentile ? { extendedStatistic: single.stat } : { statistic: single.stat }),
          }
        : {
            metricQueries: [
              { id: "result", expression: spec.math!.expression, label: spec.math!.label, returnData: true },
              ...Object.entries(spec.math!.inputs).map(([id, m]) => ({ id, metric: metric(m), returnData: false })),
            ],
          }),
      tags: target.tags,
    },
    opts,
  );
}
