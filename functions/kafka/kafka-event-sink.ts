/**
 * The processor's output port over Kafka: clean events to the clean topic, dead letters to the
 * dead-letter topic, with the same bytes and keys as the Kinesis sink (functions/processor/output-records).
 */
import type { CleanEvent, DeadLetterRecord } from "../core";
import type { EventSink, SinkWriteResult } from "../processor/event-sink";
import { cleanOutputRecord, deadLetterOutputRecord } from "../processor/output-records";
import { sendRecords, type ProducerPort } from "./send-messages";

export interface KafkaSinkOptions {
  producer: ProducerPort;
  cleanTopic: string;
  deadLetterTopic: string;
}

export class KafkaEventSink implements EventSink {
  constructor(private readonly options: KafkaSinkOptions) {}

  async putClean(events: readonly CleanEvent[]): Promise<SinkWriteResult> {
    if (events.length === 0) return { failed: [] };
    const { failed } = await sendRecords(this.options.producer, this.options.cleanTopic, events.map(cleanOutputRecord));
    return { failed };
  }

  async putDeadLetters(records: readonly DeadLetterRecord[]): Promise<SinkWriteResult> {
    if (records.length === 0) return { failed: [] };
    const { failed } = await sendRecords(this.options.producer, this.options.deadLetterTopic, records.map(deadLetterOutputRecord));
    return { failed };
  }
}
