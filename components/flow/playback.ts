/**
 * Playback of a trace: which steps move along an edge of the diagram, which node is active at each step, how long
 * each step is shown for the eye, and what changed between two hops. Pure functions of the trace.
 */
import type { HeaderList, Hop, TraceStep } from "@/lib/chain/trace";

/** A diagram edge, named by its two ends in request direction. */
export type Edge = "browser-nginx" | "nginx-static" | "nginx-gateway" | "gateway-app";

const EDGE_BY_PAIR: Record<string, Edge> = {
  "browser>nginx": "browser-nginx",
  "nginx>browser": "browser-nginx",
  "nginx>static": "nginx-static",
  "static>nginx": "nginx-static",
  "nginx>gateway": "nginx-gateway",
  "gateway>nginx": "nginx-gateway",
  "gateway>app": "gateway-app",
  "app>gateway": "gateway-app",
};

export interface Movement {
  edge: Edge;
  /** true when travelling back towards the browser. */
  backward: boolean;
  from: Hop;
  to: Hop;
}

/** The diagram edge between two nodes, if they are neighbours. */
export function edgeBetween(from: Hop, to: Hop): Edge | null {
  return EDGE_BY_PAIR[`${from}>${to}`] ?? null;
}

/** The edge a step travels along, if it is a message between two nodes. */
export function movementOf(step: TraceStep): Movement | null {
  if (!("to" in step)) return null;
  const edge = edgeBetween(step.component, step.to);
  if (!edge) return null;
  const order: Hop[] = ["browser", "nginx", "static", "gateway", "app"];
  const backward = order.indexOf(step.to) < order.indexOf(step.component);
  return { edge, backward, from: step.component, to: step.to };
}

/** The steps worth a frame of their own: messages, decisions, faults, waits. Log lines ride along with them. */
export function isFrameStep(step: TraceStep): boolean {
  return step.kind !== "log";
}

/**
 * How long (real ms, at speed 1) the eye gets for a step: a base for reading plus a share of the virtual time that
 * passes until the next step, compressed logarithmically so a 60 s timeout is a pause, not a minute.
 */
export function displayDuration(step: TraceStep, next: TraceStep | undefined): number {
  const base = movementOf(step) ? 900 : 700;
  const gap = next ? Math.max(0, next.at - step.at) : 0;
  const extra = gap > 0 ? Math.min(2500, 400 * Math.log10(1 + gap)) : 0;
  return Math.round(base + extra);
}

export type HeaderChange = { name: string; before?: string; after?: string; change: "added" | "removed" | "changed" | "same" };

/**
 * What changed from one hop's headers to the next (e.g. browser→nginx vs nginx→Gunicorn): added, removed, changed
 * and unchanged headers, compared by case-insensitive name, in the order of the later hop then the removed ones.
 */
export function diffHeaders(before: HeaderList, after: HeaderList): HeaderChange[] {
  const old = groupByName(before);
  const now = groupByName(after);
  const changes: HeaderChange[] = [];
  for (const [key, { name, value }] of now) {
    const prior = old.get(key)?.value;
    const change = prior === undefined ? "added" : prior === value ? "same" : "changed";
    changes.push({ name, before: prior, after: value, change });
  }
  for (const [key, { name, value }] of old) {
    if (!now.has(key)) changes.push({ name, before: value, change: "removed" });
  }
  return changes;
}

/** Headers by lower-case name, repeated ones joined as HTTP would fold them; first spelling and order kept. */
function groupByName(list: HeaderList): Map<string, { name: string; value: string }> {
  const map = new Map<string, { name: string; value: string }>();
  for (const [name, value] of list) {
    const key = name.toLowerCase();
    const prior = map.get(key);
    map.set(key, prior ? { name: prior.name, value: `${prior.value}, ${value}` } : { name, value });
  }
  return map;
}

/** The previous message in the same direction, to compare a hop with the one before it. */
export function previousMessageStep(steps: TraceStep[], index: number): TraceStep | null {
  const step = steps[index];
  if (step.kind !== "http-request" && step.kind !== "http-response") return null;
  for (let i = index - 1; i >= 0; i--) {
    const candidate = steps[i];
    if (candidate.kind === step.kind) return candidate;
  }
  return null;
}
