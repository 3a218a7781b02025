/**
 * Workers on the virtual clock. Each slot (a sync worker, or one thread/core of a worker) is busy until the
 * request it runs ends; a request that finds every slot busy waits in the listen backlog for the first to free.
 */

export interface WorkerSlot {
  /** 1-based worker number (uWSGI's "worker 1"); Gunicorn has no number but we keep one for the UI. */
  worker: number;
  /** Thread/core index inside the worker (uWSGI's "core 0"). */
  core: number;
  /** Virtual ms when this slot can accept the next request; Infinity when it is stuck for good. */
  freeAt: number;
}

export interface WorkerProcess {
  worker: number;
  pid: number;
  /** Requests this worker process has handled (uWSGI's per-worker counter; reset by a respawn). */
  requests: number;
  /** Virtual ms when this process's GIL is next free (its threads run Python one at a time). */
  gilFreeAt: number;
}

/** Linux caps a listen() backlog at net.core.somaxconn (4096 on Debian 12's kernel 6.1). */
export const SOMAXCONN = 4096;

export class WorkerPool {
  readonly slots: WorkerSlot[] = [];
  readonly processes: WorkerProcess[] = [];
  #nextPid: number;

  constructor(workers: number, coresPerWorker: number, firstPid: number) {
    this.#nextPid = firstPid;
    for (let w = 1; w <= workers; w++) {
      this.processes.push({ worker: w, pid: this.#nextPid++, requests: 0, gilFreeAt: 0 });
      for (let c = 0; c < coresPerWorker; c++) this.slots.push({ worker: w, core: c, freeAt: 0 });
    }
  }

  process(worker: number): WorkerProcess {
    const found = this.processes.find((p) => p.worker === worker);
    if (!found) throw new RangeError(`no worker ${worker}`);
    return found;
  }

  /**
   * The slot that takes a request arriving at `at`: the first free one, else the one that frees first. `readyAt`
   * may say otherwise for a slot (Infinity: it takes no request now).
   */
  pick(at: number, readyAt: (slot: WorkerSlot, at: number) => number = (slot) => Math.max(slot.freeAt, at)): { slot: WorkerSlot; startAt: number } | null {
    let best: WorkerSlot | null = null;
    let bestReady = Infinity;
    for (const slot of this.slots) {
      const ready = readyAt(slot, at);
      if (best === null || ready < bestReady) {
        best = slot;
        bestReady = ready;
      }
    }
    if (best === null || !Number.isFinite(bestReady)) return null;
    return { slot: best, startAt: bestReady };
  }

  /** [sentAt, startAt) of every request that waited in the listen queue, in arrival order. */
  readonly #waits: Array<[number, number]> = [];

  /**
   * Would a connection arriving at `at` find the listen queue full? Linux refuses a unix-socket connect() with
   * EAGAIN once more than `backlog` connections wait to be accepted (unix_recvq_full: length > backlog), so
   * backlog + 1 fit. Only requests sent earlier count (the model runs them in arrival order).
   */
  queueFull(at: number, backlog: number): boolean {
    const limit = Math.min(Math.max(backlog, 0), SOMAXCONN);
    let waiting = 0;
    for (const [sent, start] of this.#waits) if (sent <= at && start > at) waiting++;
    return waiting > limit;
  }

  /** Note a request that waits in the listen queue from `sentAt` until a worker accepts it at `startAt`. */
  noteWait(sentAt: number, startAt: number): void {
    if (startAt > sentAt) this.#waits.push([sentAt, startAt]);
  }

  /**
   * Run `cpuMs` of Python on a thread of `worker` that wants the GIL from `at`: threads of one process take the GIL
   * in the order they ask (the model runs requests in arrival order). Returns when the CPU work ends.
   */
  runCpu(worker: number, at: number, cpuMs: number): number {
    if (!(cpuMs > 0)) return at;
    const proc = this.process(worker);
    const start = Math.max(at, proc.gilFreeAt);
    proc.gilFreeAt = start + cpuMs;
    return proc.gilFreeAt;
  }

  /** Replace a worker process (killed or recycled): a new pid, its slots free from `readyAt`. */
  respawn(worker: number, readyAt: number): WorkerProcess {
    const proc = this.process(worker);
    proc.pid = this.#nextPid++;
    proc.requests = 0;
    proc.gilFreeAt = readyAt;
    for (const slot of this.slots) if (slot.worker === worker) slot.freeAt = readyAt;
    return proc;
  }
}
