import { seededUuid, type Random } from "./prng";

/**
 * One player session as game events (seed 003's game shape: id, user_id, session_id, type,
 * timestamp, parameters, platform, app_version, device_model, country): login → level attempts
 * (start, then complete or fail, with moves and time) → purchases → logout. `event_code` carries
 * seed 003's numeric event types (1001 level_start, 1002 level_complete, 1003 level_fail, 2001 purchase).
 */
export interface GameEvent {
  id: string;
  user_id: string;
  session_id: string;
  type: string;
  event_code: number;
  timestamp: string;
  platform: string;
  app_version: string;
  device_model: string;
  country: string;
  game_id?: string;
  parameters: Record<string, unknown>;
}

export const EVENT_CODES = {
  login: 1,
  logout: 2,
  level_start: 1001,
  level_complete: 1002,
  level_fail: 1003,
  purchase: 2001,
} as const;

export interface Player {
  userId: string;
  platform: string;
  appVersion: string;
  deviceModel: string;
  country: string;
  /** Highest level reached; sessions continue from there. */
  level: number;
}

const PLATFORMS = [
  { platform: "iOS", devices: ["iPhone15,2", "iPhone14,5", "iPad13,1"] },
  { platform: "Android", devices: ["SM-S918B", "Pixel 8", "SM-A546B"] },
  { platform: "Web", devices: ["Chrome", "Safari", "Firefox"] },
];
const APP_VERSIONS = ["3.4.0", "3.4.1", "3.5.0"];
const COUNTRIES = ["US", "DE", "GB", "BR", "JP", "IN", "FR", "KR"];
const STORE_ITEMS = [
  { item_id: "coins_small", price_usd: 0.99 },
  { item_id: "coins_large", price_usd: 4.99 },
  { item_id: "booster_pack", price_usd: 1.99 },
  { item_id: "season_pass", price_usd: 9.99 },
];
const BOOSTERS = ["hammer", "shuffle", "extra_moves", "color_bomb"];

export function newPlayer(random: Random): Player {
  const { platform, devices } = random.pick(PLATFORMS);
  return {
    userId: `user_${random.hex(6)}`,
    platform,
    appVersion: random.pick(APP_VERSIONS),
    deviceModel: random.pick(devices),
    country: random.pick(COUNTRIES),
    level: random.int(1, 40),
  };
}

/** Events of one session starting at `startMs`, in time order; `budget` caps how many are made. */
export function playSession(random: Random, player: Player, startMs: number, budget: number, gameId?: string): GameEvent[] {
  const sessionId = `sess_${random.hex(8)}`;
  const events: GameEvent[] = [];
  let clockMs = startMs;
  const emit = (type: keyof typeof EVENT_CODES, parameters: Record<string, unknown>) => {
    if (events.length >= budget) return;
    events.push({
      id: seededUuid(random),
      user_id: player.userId,
      session_id: sessionId,
      type,
      event_code: EVENT_CODES[type],
      timestamp: new Date(clockMs).toISOString(),
      platform: player.platform,
      app_version: player.appVersion,
      device_model: player.deviceModel,
      country: player.country,
      ...(gameId ? { game_id: gameId } : {}),
      parameters,
    });
  };

  emit("login", { method: random.pick(["guest", "apple", "google", "email"]) });
  const attempts = random.int(1, 6);
  for (let attempt = 0; attempt < attempts && events.length < budget - 1; attempt++) {
    clockMs += random.int(2, 20) * 1000;
    const level = player.level;
    const moveLimit = 20 + (level % 10) * 2;
    emit("level_start", { level_id: level, move_limit: moveLimit });
    const seconds = random.int(30, 240);
    clockMs += seconds * 1000;
    const boosters = random.chance(0.25) ? [random.pick(BOOSTERS)] : [];
    // Harder levels fail more often; a pass advances the player.
    if (random.next() < 0.75 - (level % 10) * 0.04) {
      emit("level_complete", {
        level_id: level,
        moves_used: random.int(Math.floor(moveLimit / 2), moveLimit),
        time_seconds: seconds,
        stars: random.int(1, 3),
        boosters_used: boosters,
      });
      player.level++;
    } else {
      emit("level_fail", { level_id: level, moves_used: moveLimit, time_seconds: seconds, boosters_used: boosters });
    }
  }
  if (random.chance(0.15)) {
    clockMs += random.int(5, 60) * 1000;
    const item = random.pick(STORE_ITEMS);
    emit("purchase", { ...item, currency: "USD", transaction_id: `txn_${random.hex(8)}` });
  }
  clockMs += random.int(1, 30) * 1000;
  emit("logout", { duration_sec: Math.round((clockMs - startMs) / 1000) });
  return events;
}
