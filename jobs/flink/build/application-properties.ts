/**
 * The Managed Flink runtime properties the job reads (jobs/flink/telemetry_job/properties.py), built
 * from typed values so the Pulumi component cannot misspell a key. A test writes these groups to a
 * file and has the Python job parse them, so both sides agree on every key and value format.
 * Shape: aws.kinesisanalyticsv2.Application's applicationConfiguration.environmentProperties.propertyGroups.
 */
export const FLINK_PROPERTY_GROUP = "telemetry";
export const FLINK_RUN_OPTIONS_GROUP = "kinesis.analytics.flink.run.options";
/** The zip's entry point (scripts/package-flink.ts puts main.py at the root). */
export const FLINK_PYTHON_ENTRY = "main.py";

export type FlinkSource =
  | {
      kind: "kinesis";
      region: string;
      rawStreamName: string;
      sinkStreamArns: { clean: string; deduped: string; deadLetter: string };
      initialPosition?: "LATEST" | "TRIM_HORIZON";
      /** Enhanced fan-out consumer name; polling when absent. */
      efoConsumerName?: string;
    }
  | {
      kind: "kafka";
      bootstrapServers: string;
      rawTopic: string;
      groupId: string;
      sinkTopics: { clean: string; deduped: string; deadLetter: string };
      auth?: "iam" | "none";
      startingOffsets?: "latest" | "earliest";
    };

export interface FlinkJobSettings {
  dedupWindowMinutes: number;
  dedupKeyFields?: string[];
  maxRecordBytes?: number;
  maxDepth?: number;
  maxFields?: number;
  maxAgeDays?: number;
  futureToleranceMs?: number;
}

export interface PropertyGroup {
  propertyGroupId: string;
  propertyMap: Record<string, string>;
}

function optional(map: Record<string, string>, key: string, value: string | number | undefined): void {
  if (value !== undefined) map[key] = String(value);
}

/** The `telemetry` group's PropertyMap. */
export function flinkJobProperties(source: FlinkSource, settings: FlinkJobSettings): Record<string, string> {
  if (!Number.isInteger(settings.dedupWindowMinutes) || settings.dedupWindowMinutes < 1 || settings.dedupWindowMinutes > 10_080) {
    throw new RangeError(`dedupWindowMinutes = ${settings.dedupWindowMinutes} is invalid; allowed: a whole number from 1 to 10080`);
  }
  const map: Record<string, string> = { "source.kind": source.kind, "dedup.window.minutes": String(settings.dedupWindowMinutes) };
  optional(map, "dedup.key.fields", settings.dedupKeyFields?.join(","));
  optional(map, "max.record.bytes", settings.maxRecordBytes);
  optional(map, "max.depth", settings.maxDepth);
  optional(map, "max.fields", settings.maxFields);
  optional(map, "max.age.days", settings.maxAgeDays);
  optional(map, "future.tolerance.ms", settings.futureToleranceMs);
  if (source.kind === "kinesis") {
    map["aws.region"] = source.region;
    map["source.stream.name"] = source.rawStreamName;
    optional(map, "source.initial.position", source.initialPosition);
    if (source.efoConsumerName !== undefined) {
      map["source.reader.type"] = "EFO";
      map["source.efo.consumer.name"] = source.efoConsumerName;
    }
    map["sink.clean.stream.arn"] = source.sinkStreamArns.clean;
    map["sink.deduped.stream.arn"] = source.sinkStreamArns.deduped;
    map["sink.dead-letter.stream.arn"] = source.sinkStreamArns.deadLetter;
  } else {
    map["kafka.bootstrap.servers"] = source.bootstrapServers;
    map["source.topic"] = source.rawTopic;
    map["source.group.id"] = source.groupId;
    optional(map, "kafka.auth", source.auth);
    optional(map, "source.starting.offsets", source.startingOffsets);
    map["sink.clean.topic"] = source.sinkTopics.clean;
    map["sink.deduped.topic"] = source.sinkTopics.deduped;
    map["sink.dead-letter.topic"] = source.sinkTopics.deadLetter;
  }
  return map;
}

/** Both property groups the application needs: the run options and the job's settings. */
export function flinkPropertyGroups(source: FlinkSource, settings: FlinkJobSettings): PropertyGroup[] {
  return [
    { propertyGroupId: FLINK_RUN_OPTIONS_GROUP, propertyMap: { python: FLINK_PYTHON_ENTRY } },
    { propertyGroupId: FLINK_PROPERTY_GROUP, propertyMap: flinkJobProperties(source, settings) },
  ];
}
