/**
 * CloudWatch Embedded Metric Format (EMF): a JSON log line that CloudWatch Logs turns into metrics
 * without any PutMetricData call. Spec: the `_aws` member lists the namespace, the dimension sets
 * and the metric definitions; dimension values and metric values are top-level members.
 */
export type EmfUnit = "Count" | "Milliseconds" | "Bytes" | "None";

export interface MetricValue {
  name: string;
  value: number;
  unit: EmfUnit;
}

export interface EmfInput {
  namespace: string;
  /** Dimension name → value; all of them form the single dimension set of this document. */
  dimensions: Record<string, string>;
  metrics: readonly MetricValue[];
  timestampMs: number;
}

/** CloudWatch rejects an EMF document with more than 100 metrics or 30 dimensions. */
export const EMF_MAX_METRICS = 100;
export const EMF_MAX_DIMENSIONS = 30;

export function emfDocument(input: EmfInput): Record<string, unknown> {
  const dimensionNames = Object.keys(input.dimensions);
  if (dimensionNames.length > EMF_MAX_DIMENSIONS) {
    throw new RangeError(`EMF document has ${dimensionNames.length} dimensions; at most ${EMF_MAX_DIMENSIONS} allowed`);
  }
  if (input.metrics.length > EMF_MAX_METRICS) {
    throw new RangeError(`EMF document has ${input.metrics.length} metrics; at most ${EMF_MAX_METRICS} allowed`);
  }
  const document: Record<string, unknown> = {
    _aws: {
      Timestamp: input.timestampMs,
      CloudWatchMetrics: [
        {
          Namespace: input.namespace,
          Dimensions: [dimensionNames],
          Metrics: input.metrics.map((metric) => ({ Name: metric.name, Unit: metric.unit })),
        },
      ],
    },
    ...input.dimensions,
  };
  for (const metric of input.metrics) {
    if (metric.name in input.dimensions || metric.name === "_aws") {
      throw new RangeError(`EMF metric name ${JSON.stringify(metric.name)} collides with a dimension or "_aws"`);
    }
    document[metric.name] = metric.value;
  }
  return document;
}

/** One EMF log line (what the Lambda writes to stdout). */
export function emfLine(input: EmfInput): string {
  return JSON.stringify(emfDocument(input));
}
