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
}

export class WorkerPool {
  readonly slots: WorkerSlot[] = [];
  readonly processes: WorkerProcess[] = [];
  #nextPid: number;

  constructor(workers: number, coresPerWorker: number, firstPid: number) {
    this.#nextPid = firstPid;
    for (let w = 1; w <= workers; w++) {
      this.processes.push({ worker: w, pid: this.#nextPid++, requests: 0 });
      for (let c = 0; c < coresPerWorker; c++) this.slots.push({ worker: w, core: c, freeAt: 0 });
    }
  }

  process(worker: number): WorkerProcess {
    const found = this.processes.find((p) => p.worker === worker);
    if (!found) throw new RangeError(`no worker ${worker}`);
    return found;
  }

  /** The slot that takes a request arriving at `at`: the first free one, else the one that frees first. */
  pick(at: number): { slot: WorkerSlot; startAt: number } | null {
    let best: WorkerSlot | null = null;
    for (const slot of this.slots) {
      const ready = Math.max(slot.freeAt, at);
      if (best === null || ready < Math.max(best.freeAt, at)) best = slot;
    }
    if (best === null || !Number.isFinite(best.freeAt)) return null;
    return { slot: best, startAt: Math.max(best.freeAt, at) };
  }

  /** Replace a worker process (killed or recycled): a new pid, its slots free from `readyAt`. */
  respawn(worker: number, readyAt: number): WorkerProcess {
    const proc = this.process(worker);
    proc.pid = this.#nextPid++;
    proc.requests = 0;
    for (const slot of this.slots) if (slot.worker === worker) slot.freeAt = readyAt;
    return proc;
  }
}
