/**
 * What the load model (lib/chain/load/) asks of a gateway besides answering: the CPU time of a call's interpreter
 * steps, and a report of where each request ran and of the arbiter's / master's actions, for the timeline.
 * Without these hooks (a single request, runChain) a view's steps take no virtual time.
 */

/** Where a request ran: worker (1-based), thread/core (0-based), the worker's pid, when it waited and started. */
export interface SlotAssignment {
  worker: number;
  core: number;
  pid: number;
  sentAt: number;
  startAt: number;
}

/** A moment the gateway's master acted: killed a worker (timeout, harakiri) or recycled it (max requests). */
export interface GatewayEvent {
  kind: "worker-timeout" | "harakiri" | "max-requests";
  at: number;
  worker: number;
  pid: number;
  /** The replacement's pid; null when nobody respawns it (uWSGI without a master). */
  newPid: number | null;
  /**
   * When the replacement took over, if later than `at` (uWSGI's max-requests: the worker exits at `at`, its master
   * reaps and respawns it on its next once-a-second check).
   */
  respawnAt?: number;
}

/** A line the gateway logs for no request in particular (a master's respawn of a recycled worker). */
export interface GatewayLogLine {
  at: number;
  line: string;
  /**
   * Whether it was written after the lines of the request the gateway is handling now (true), or before them
   * (false). runLoad orders lines at the same moment by it.
   */
  afterCurrent: boolean;
}

export interface GatewayLoadHooks {
  /** Virtual ms of CPU that a call's interpreter steps take (the load model also counts them against its budget). */
  cpuMs(steps: number): number;
  assigned(assignment: SlotAssignment): void;
  /** Steps the interpreter really ran for a call (a repeated call served from the crowd's memo runs none). */
  interpreted?(steps: number): void;
  event(event: GatewayEvent): void;
  /** Lines that belong to no request (without this hook they go into the trace of the request being handled). */
  log?(line: GatewayLogLine): void;
  /** Work to run when the crowd's last request has been handled (a recycle still pending then). */
  atEnd?(finish: () => void): void;
}
