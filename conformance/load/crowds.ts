/**
 * Timed crowds: the same LoadSetup runs on the real nginx + Gunicorn/uWSGI (real-crowd.ts) and on runLoad, and each
 * request's status and completion time are compared. Cases are built so the status of every request is settled by
 * the order the requests are sent in (students a few ms apart), never by a race, and no completion time sits on a
 * timeout's edge.
 */
import type { LoadSetup } from "../../lib/chain/load/setup";

export interface CrowdCase {
  name: string;
  /** Korean, for the test's output. */
  what: string;
  setup: LoadSetup;
  /** Explicit send times (ms); otherwise the setup's crowd. */
  times?: number[];
  /**
   * The times are CPU time: a recording made on a busy machine (load average above QUIET_LOAD) stretches them, so
   * then only the statuses are compared.
   */
  cpuBound?: boolean;
  /**
   * The model runs the real run's warm-up first (one 1-second /report per worker slot, the crowd WARMUP_MS later):
   * for knobs that count a worker's requests or its age (uWSGI's max-requests, min-worker-lifetime).
   */
  warmup?: boolean;
  /** Compare how many workers uWSGI recycled for max-requests during the crowd (its "...Seeya!" lines). */
  countRecycles?: boolean;
}

/** A load average (1 min) at or below this is a quiet 2-core machine. */
export const QUIET_LOAD = 2.5;

/** Students `gapMs` apart: distinct arrival order, otherwise "at once". */
const apart = (count: number, gapMs: number) => Array.from({ length: count }, (_, i) => i * gapMs);

export const CROWD_CASES: CrowdCase[] = [
  {
    name: "gunicorn-sync-2-report",
    what: "sync 워커 2개, 8명이 /report",
    setup: { gateway: "gunicorn", crowd: { count: 8, spreadMs: 0, target: "/report" }, gunicorn: { workers: 2 } },
    times: apart(8, 10),
  },
  {
    name: "gunicorn-gthread-1x4-report",
    what: "gthread 워커 1개 × 스레드 4, 8명이 /report",
    setup: { gateway: "gunicorn", crowd: { count: 8, spreadMs: 0, target: "/report" }, gunicorn: { workers: 1, workerClass: "gthread", threads: 4 } },
    times: apart(8, 10),
  },
  {
    name: "uwsgi-2x2-report",
    what: "uWSGI 프로세스 2 × 스레드 2, 10명이 1초에 걸쳐 /report",
    setup: { gateway: "uwsgi", crowd: { count: 10, spreadMs: 1000, target: "/report" }, uwsgi: { processes: 2, threads: 2 } },
  },
  {
    name: "gunicorn-read-timeout",
    what: "sync 워커 1개, proxy_read_timeout 3s, 6명이 0.5초에 걸쳐 /report: 앞의 셋은 200, 뒤의 셋은 504",
    setup: { gateway: "gunicorn", crowd: { count: 6, spreadMs: 500, target: "/report" }, nginx: { readTimeout: 3 } },
  },
  {
    name: "gunicorn-backlog-2",
    what: "sync 워커 1개, backlog 2, 6명이 /report: 넷은 200, 둘은 곧바로 502",
    setup: { gateway: "gunicorn", crowd: { count: 6, spreadMs: 0, target: "/report" }, gunicorn: { backlog: 2 } },
    times: apart(6, 20),
  },
  {
    name: "uwsgi-listen-2",
    what: "uWSGI 프로세스 1, listen 2, 6명이 /report: 넷은 200, 둘은 곧바로 502",
    setup: { gateway: "uwsgi", crowd: { count: 6, spreadMs: 0, target: "/report" }, uwsgi: { listen: 2 } },
    times: apart(6, 20),
  },
  {
    name: "uwsgi-1x4-busy",
    // /busy is ~5 ms of CPU on an idle machine, so this case checks statuses and the 150 ms floor more than the GIL's
    // order; the model's cost per step was measured on an idle machine, and a loaded one stretches every real time.
    what: "uWSGI 프로세스 1 × 스레드 4, 4명이 /busy (GIL)",
    setup: { gateway: "uwsgi", crowd: { count: 4, spreadMs: 0, target: "/busy" }, uwsgi: { processes: 1, threads: 4 } },
    times: apart(4, 5),
    cpuBound: true,
  },
  {
    name: "uwsgi-max-requests-2-lifetime-1",
    // Each worker's warm-up request counts: the crowd's first two requests are each worker's 2nd, both workers are
    // older than 1 s then, so both are recycled. The next two come when the new workers are up (the real master
    // reaps a worker within about a second: when it does is its own tick's phase) and are their 1st: no recycle.
    what: "uWSGI 프로세스 2, max-requests 2, min-worker-lifetime 1: 두 워커가 각자 두 번째 요청 뒤 재시작, 새 워커가 다음 둘을 받음",
    setup: { gateway: "uwsgi", crowd: { count: 4, spreadMs: 0, target: "/report" }, uwsgi: { processes: 2, maxRequests: 2, minWorkerLifetime: 1 } },
    times: [0, 10, 3000, 3010],
    warmup: true,
    countRecycles: true,
  },
  {
    name: "gunicorn-static",
    what: "정적 파일은 Nginx가 곧바로 답함",
    setup: { gateway: "gunicorn", crowd: { count: 4, spreadMs: 0, target: "/static/notice.txt" } },
    times: apart(4, 10),
  },
];
