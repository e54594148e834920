/**
 * The Managed Flink application's property groups from the stack's config (pure): maps the config
 * (dedup window and key, validation limits) and the resolved stream names onto H7's typed builder
 * (jobs/flink/build/application-properties.ts), which knows the job's exact keys.
 */
import type { TelemetryConfig } from "../../config";
import {
  FLINK_PROPERTY_GROUP,
  FLINK_PYTHON_ENTRY,
  FLINK_RUN_OPTIONS_GROUP,
  flinkPropertyGroups as jobPropertyGroups,
  type PropertyGroup,
} from "../../../jobs/flink/build/application-properties";

export { FLINK_PROPERTY_GROUP as FLINK_TELEMETRY_GROUP, FLINK_PYTHON_ENTRY, FLINK_RUN_OPTIONS_GROUP, type PropertyGroup };

export const FLINK_OUTPUTS = ["clean", "deduped", "dead-letter"] as const;
export type FlinkOutput = (typeof FLINK_OUTPUTS)[number];

export type FlinkSourceSettings =
  | { kind: "kinesis"; region: string; rawStreamName: string; outputStreamArns: Record<FlinkOutput, string> }
  | { kind: "kafka"; bootstrapServers: string; rawTopic: string; groupId: string; outputTopics: Record<FlinkOutput, string> };

/**
 * Where the job starts reading when it has no snapshot: LATEST. A first start from TRIM_HORIZON would
 * replay the raw stream's whole retention (days of events at seed scale) into clean; later restarts
 * resume from the snapshot/checkpoint offsets, so nothing is skipped once the job has run.
 */
export const FLINK_INITIAL_POSITION = { kinesis: "LATEST", kafka: "latest" } as const;

type ValidationConfig = Pick<TelemetryConfig, "dedupWindowMinutes" | "dedupKeyFields" | "event">;

export function flinkPropertyGroups(config: ValidationConfig, source: FlinkSourceSettings): PropertyGroup[] {
  const settings = {
    dedupWindowMinutes: config.dedupWindowMinutes,
    dedupKeyFields: config.dedupKeyFields,
    maxRecordBytes: config.event.maxRecordBytes,
    maxDepth: config.event.maxDepth,
    maxFields: config.event.maxFields,
    maxAgeDays: config.event.maxAgeDays,
  };
  return jobPropertyGroups(
    source.kind === "kinesis"
      ? {
          kind: "kinesis",
          region: source.region,
          rawStreamName: source.rawStreamName,
          // Polling (no EFO consumer): it shares the shard's 2 MB/s read with the raw → lake Firehose; two readers fit.
          initialPosition: FLINK_INITIAL_POSITION.kinesis,
          sinkStreamArns: { clean: source.outputStreamArns.clean, deduped: source.outputStreamArns.deduped, deadLetter: source.outputStreamArns["dead-letter"] },
        }
      : {
          kind: "kafka",
          bootstrapServers: source.bootstrapServers,
          rawTopic: source.rawTopic,
          groupId: source.groupId,
          auth: "iam",
          startingOffsets: FLINK_INITIAL_POSITION.kafka,
          sinkTopics: { clean: source.outputTopics.clean, deduped: source.outputTopics.deduped, deadLetter: source.outputTopics["dead-letter"] },
        },
    settings,
  );
}
