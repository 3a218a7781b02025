/**
 * Sends what a student does to their class (lib/classroom/input.ts describes the events). Does nothing when the
 * browser is in no class. Events are queued and sent together at most once a second; a failed send is retried
 * with the next one, and the queue is bounded so an offline page cannot grow it without limit.
 */
import { basePath, membership } from "./membership";

export type ClassEvent =
  | { kind: "lesson"; slug: string; state: "started" | "finished" }
  | { kind: "answer"; slug: string; question: string; answer: string; correct: boolean }
  | { kind: "challenge"; slug: string; challenge: string; solved: boolean }
  | { kind: "class-predict"; round: number; answer: string };

const MAX_QUEUE = 200;
const BATCH = 50;
let queue: ClassEvent[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;

/** Text as the server takes it: no control characters, at most 200 characters. */
export function answerText(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]+/gu, " ").trim().slice(0, 200) || "(빈 답)";
}

export function reportClassEvent(event: ClassEvent): void {
  if (!membership.get()) return;
  if (queue.length >= MAX_QUEUE) queue.shift();
  queue.push(event);
  timer ??= setTimeout(flush, event.kind === "class-predict" ? 0 : 1000);
}

async function flush(): Promise<void> {
  timer = null;
  const member = membership.get();
  if (!member) {
    queue = [];
    return;
  }
  const batch = queue.splice(0, BATCH);
  if (batch.length === 0) return;
  try {
    const response = await fetch(`${basePath}/api/class/report`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-class-token": member.token },
      body: JSON.stringify({ events: batch }),
      keepalive: true,
    });
    // The class is gone or the student was removed: leave it, the course goes on offline.
    if (response.status === 401) membership.set(null);
    else if (response.status === 429 || response.status >= 500) queue.unshift(...batch);
  } catch {
    queue.unshift(...batch);
    queue = queue.slice(-MAX_QUEUE);
  }
  if (queue.length > 0) timer ??= setTimeout(flush, 3000);
}
