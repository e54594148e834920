/**
 * Seeded pseudo-random numbers, so a generator run is reproducible from its seed (tests, replays of a
 * load test). Not for anything secret. State: one 32-bit word advanced by the Weyl constant 0x6D2B79F5
 * and scrambled by multiply/xor-shift rounds (the "mulberry32" construction).
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `bytes` random bytes as lower-case hex. */
  hex(bytes: number): string;
}

/** FNV-1a over the seed's UTF-8 bytes: any string or number becomes a 32-bit starting state. */
function seedState(seed: string | number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(String(seed), "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function createRandom(seed: string | number): Random {
  let state = seedState(seed);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    hex: (bytes) => Array.from({ length: bytes }, () => int(0, 255).toString(16).padStart(2, "0")).join(""),
  };
}

/** A UUID-v4-shaped id drawn from the seeded stream (reproducible, unlike crypto.randomUUID). */
export function seededUuid(random: Random): string {
  const hex = random.hex(16);
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
