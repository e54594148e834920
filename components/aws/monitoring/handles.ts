/** What Monitoring watches: names of the other components' resources, never their internals. */
import type * as pulumi from "@pulumi/pulumi";

export interface NamedHandle {
  /** Short role used in alarm names, e.g. "processor", "raw-to-lake". */
  role: string;
  name: pulumi.Input<string>;
}

export interface MonitoringHandles {
  api?: { apiName: pulumi.Input<string>; stageName: pulumi.Input<string> };
  /** Kinesis raw stream (write throttling); absent for Kafka variants. */
  rawStream?: NamedHandle;
  /** Kinesis streams shown on the operations dashboard. */
  streams: NamedHandle[];
  /**
   * The processor function: lag, errors, throttles, dead-letter rate. Lag is Lambda's `IteratorAge`
   * (ms) for Kinesis sources and `OffsetLag` (messages) for Kafka sources. Absent in the heavy tier,
   * where Managed Flink processes and brings its own alarms.
   */
  processor?: NamedHandle & { lagMetric?: "IteratorAge" | "OffsetLag"; maxOffsetLag?: number };
  /** Other functions: errors alarms. */
  functions: NamedHandle[];
  /** Firehose delivery streams: data freshness. */
  deliveryStreams: NamedHandle[];
  /** DynamoDB tables: throttles. */
  tables: NamedHandle[];
  /** Queues that must stay empty (on-failure destinations). */
  failureQueues: NamedHandle[];
  /** Athena workgroup for the analytics dashboard. */
  athenaWorkgroup?: pulumi.Input<string>;
}
