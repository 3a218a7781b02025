/**
 * The classroom's one database connection, live-stream hub and rate limiter per server process, made on first use
 * (never while `next build` imports the route files). Kept on globalThis: Next bundles each route file apart, and
 * all of them must share one hub so that a student's report reaches the instructor's stream at once.
 */
import { ClassHub } from "@/lib/classroom/hub.server";
import { classroomDbPath, openClassroomDb } from "@/lib/classroom/db.server";
import { ClassroomStore } from "@/lib/classroom/store.server";
import { ChainLimiter, type ChainLimitConfig } from "./rate-limit";

export interface Classroom {
  store: ClassroomStore;
  hub: ClassHub;
  limiter: ChainLimiter;
}

const KEY = Symbol.for("wsgi-journey.classroom");
const HOUR_MS = 60 * 60 * 1000;

const envNumber = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(n) && n >= 0 ? n : fallback;
};

/**
 * The classroom API's limits, apart from the chain API's: per browser CLASS_RATE_LIMIT per minute (default 600)
 * and CLASS_RATE_BURST at once (120); per address CLASS_ADDRESS_LIMIT (60000) and CLASS_ADDRESS_BURST (6000).
 */
export function classLimitsFromEnv(env: Record<string, string | undefined>): ChainLimitConfig {
  return {
    perClient: { perMinute: envNumber(env.CLASS_RATE_LIMIT, 600), burst: envNumber(env.CLASS_RATE_BURST, 120), maxClients: 20_000 },
    perAddress: { perMinute: envNumber(env.CLASS_ADDRESS_LIMIT, 60_000), burst: envNumber(env.CLASS_ADDRESS_BURST, 6000), maxClients: 20_000 },
  };
}

/** Retention: classes unused for CLASSROOM_RETENTION_DAYS days (default 30; 0 keeps them) are deleted hourly. */
export function retentionDays(env: Record<string, string | undefined>): number {
  return envNumber(env.CLASSROOM_RETENTION_DAYS, 30);
}

export function classroom(): Classroom {
  const slot = globalThis as unknown as Record<symbol, Classroom | undefined>;
  const existing = slot[KEY];
  if (existing) return existing;
  const store = new ClassroomStore(openClassroomDb(classroomDbPath()));
  const days = retentionDays(process.env);
  if (days > 0) {
    store.pruneInactive(days);
    setInterval(() => store.pruneInactive(days), HOUR_MS).unref();
  }
  const made: Classroom = {
    store,
    hub: new ClassHub({ version: (id) => store.version(id) }),
    limiter: new ChainLimiter(classLimitsFromEnv(process.env)),
  };
  slot[KEY] = made;
  return made;
}
