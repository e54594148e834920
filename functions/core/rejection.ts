import type { ReasonCode } from "./reason-codes";

/** Why a record cannot become a SILVER event; internal stages return it instead of throwing. */
export class Rejection {
  constructor(
    readonly reason: ReasonCode,
    readonly message: string,
  ) {}
}

const SHOWN_VALUE_CHARS = 80;

/** A short, JSON-quoted rendering of a rejected value for human messages. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS)}…` : text;
}
