/**
 * The provisioned cluster's configuration (server.properties), derived from sizing (pure).
 * Topics are created only by topic-admin, never by a producer's typo; replication and the insync
 * minimum follow the broker count (see msk-sizing.ts).
 */
import type { MskSizing } from "../msk-sizing";

export function serverProperties(sizing: Pick<MskSizing, "replicationFactor" | "minInsyncReplicas" | "retentionHours" | "partitions">): string {
  const lines = [
    "auto.create.topics.enable=false",
    `default.replication.factor=${sizing.replicationFactor}`,
    `min.insync.replicas=${sizing.minInsyncReplicas}`,
    `num.partitions=${sizing.partitions.deadLetter}`,
    // Never elect an out-of-sync replica: that loses acknowledged writes.
    "unclean.leader.election.enable=false",
    `log.retention.hours=${sizing.retentionHours}`,
    // Internal topics replicate like data topics.
    `offsets.topic.replication.factor=${sizing.replicationFactor}`,
    `transaction.state.log.replication.factor=${sizing.replicationFactor}`,
    `transaction.state.log.min.isr=${sizing.minInsyncReplicas}`,
  ];
  return lines.join("\n") + "\n";
}

/** Parses `key=value` lines (tests and the plan read the configuration back). */
export function parseServerProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const eq = trimmed.indexOf("=");
    out[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
  }
  return out;
}
