/**
 * Deterministic ~1 KB game events for the benchmark (seed 000: 1 KB average events). Each event is a
 * distinct, valid SILVER-shaped record padded to exactly EVENT_BYTES bytes, so every figure in the
 * bench is measured on the same bytes.
 */
export const EVENT_BYTES = 1024;
/** The bench's fixed clock: every generated event lies within the hour before it. */
export const BENCH_NOW_MS = Date.UTC(2026, 10, 22, 6, 0, 0, 0);

const EVENT_TYPES = ["login", "level_start", "level_complete", "level_fail", "purchase", "logout"];
const PLATFORMS = ["iOS", "Android", "web"];

/** xorshift32: cheap, seedable, identical on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

function hex(random: () => number, length: number): string {
  let out = "";
  while (out.length < length) out += Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, "0");
  return out.slice(0, length);
}

function uuid(random: () => number): string {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The JSON text of event `index`, exactly EVENT_BYTES long (ASCII only, so chars = bytes). */
export function benchEventText(index: number): string {
  const random = prng(index + 1);
  const level = 1 + Math.floor(random() * 200);
  const event = {
    event_id: uuid(random),
    event_type: EVENT_TYPES[index % EVENT_TYPES.length],
    event_timestamp: new Date(BENCH_NOW_MS - Math.floor(random() * 3_600_000)).toISOString(),
    user_id: `player-${Math.floor(random() * 1_000_000)}`,
    session_id: uuid(random),
    game_id: "match3-prod",
    platform: PLATFORMS[index % PLATFORMS.length],
    app_version: "2.14.3",
    parameters: {
      level_id: level,
      moves_used: Math.floor(random() * 40),
      time_seconds: Math.floor(random() * 300),
      score: Math.floor(random() * 100_000),
      stars: Math.floor(random() * 4),
      boosters_used: ["hammer", "shuffle", "color_bomb"].slice(0, Math.floor(random() * 4)),
      board: { width: 9, height: 9, blockers: Math.floor(random() * 12), goals: [{ kind: "jelly", count: 24 }, { kind: "ice", count: 12 }] },
      padding: "",
    },
    ip_address: `198.51.100.${Math.floor(random() * 255)}`,
    device_model: "iPhone15,3",
    os_version: "18.1",
    country: "DE",
    locale: "de-DE",
  };
  const unpadded = JSON.stringify(event).length;
  if (unpadded > EVENT_BYTES) throw new Error(`bench event ${index} is ${unpadded} bytes before padding`);
  event.parameters.padding = "x".repeat(EVENT_BYTES - unpadded);
  return JSON.stringify(event);
}

/** `count` distinct events as UTF-8 bytes. */
export function benchEventBytes(count: number): Uint8Array[] {
  const encoder = new TextEncoder();
  return Array.from({ length: count }, (_, i) => encoder.encode(benchEventText(i)));
}
