/**
 * Live streams of a class (Server-Sent Events): the instructor's dashboard and each student's follow state. A
 * stream is sent its view again whenever the class changes: at once after a write in this process (`changed`),
 * and, for writes made by another worker of COURSE_WORKERS, when a poll sees the class's version move. A view is
 * only sent when its text differs from the last one that stream got. A comment line every `heartbeatMs` keeps
 * proxies (nginx's proxy_read_timeout) and browsers from closing an idle stream.
 */

export interface HubOptions {
  /** The class's change counter, or null once the class is gone (class-store's version()). */
  version(classId: number): number | null;
  pollMs?: number;
  heartbeatMs?: number;
  /** Changes closer together than this are sent as one. */
  coalesceMs?: number;
  /** Streams open at once in this process, at most. */
  maxStreams?: number;
}

/** A stream's view: renders the current state as text; `shared` memoizes what several streams of a class show. */
export type Render = (shared: Map<string, unknown>) => string;

interface Stream {
  render: Render;
  write(text: string): void;
  end(): void;
  last: string | null;
}

interface Room {
  streams: Set<Stream>;
  version: number | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export class ClassHub {
  readonly #rooms = new Map<number, Room>();
  readonly #options: Required<HubOptions>;
  #count = 0;
  #poll: ReturnType<typeof setInterval> | null = null;
  #beat: ReturnType<typeof setInterval> | null = null;

  constructor(options: HubOptions) {
    this.#options = { pollMs: 1000, heartbeatMs: 15_000, coalesceMs: 100, maxStreams: 5000, ...options };
  }

  get streams(): number {
    return this.#count;
  }

  /** Whether another stream may open. */
  hasRoom(): boolean {
    return this.#count < this.#options.maxStreams;
  }

  /** Starts a stream: sends its view now and on every change; returns the function that stops it. */
  open(classId: number, render: Render, write: (text: string) => void, end: () => void): () => void {
    let room = this.#rooms.get(classId);
    if (!room) this.#rooms.set(classId, (room = { streams: new Set(), version: this.#options.version(classId), timer: null }));
    const stream: Stream = { render, write, end, last: null };
    room.streams.add(stream);
    this.#count++;
    this.#startTimers();
    write("retry: 3000\n\n");
    this.#send(stream, new Map());
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      room.streams.delete(stream);
      this.#count--;
      if (room.streams.size === 0) {
        if (room.timer) clearTimeout(room.timer);
        this.#rooms.delete(classId);
      }
      if (this.#count === 0) this.#stopTimers();
    };
  }

  /** The class changed in this process: its streams get their views soon. */
  changed(classId: number): void {
    const room = this.#rooms.get(classId);
    if (!room || room.timer) return;
    room.timer = setTimeout(() => {
      room.timer = null;
      this.#flush(classId, room);
    }, this.#options.coalesceMs);
  }

  /** Ends every stream of a class (it was deleted). */
  closeClass(classId: number): void {
    const room = this.#rooms.get(classId);
    if (!room) return;
    for (const stream of [...room.streams]) {
      stream.write("event: gone\ndata: {}\n\n");
      stream.end();
    }
  }

  #flush(classId: number, room: Room): void {
    room.version = this.#options.version(classId);
    if (room.version === null) return this.closeClass(classId);
    const shared = new Map<string, unknown>();
    for (const stream of room.streams) this.#send(stream, shared);
  }

  #send(stream: Stream, shared: Map<string, unknown>): void {
    let text: string;
    try {
      text = stream.render(shared);
    } catch (error) {
      console.error("classroom stream could not render", error);
      return;
    }
    if (text === stream.last) return;
    stream.last = text;
    stream.write(`event: state\ndata: ${text}\n\n`);
  }

  #startTimers(): void {
    if (this.#poll) return;
    this.#poll = setInterval(() => {
      for (const [classId, room] of this.#rooms) {
        if (!room.timer && this.#options.version(classId) !== room.version) this.changed(classId);
      }
    }, this.#options.pollMs);
    this.#beat = setInterval(() => {
      for (const room of this.#rooms.values()) for (const stream of room.streams) stream.write(": ping\n\n");
    }, this.#options.heartbeatMs);
    this.#poll.unref?.();
    this.#beat.unref?.();
  }

  #stopTimers(): void {
    if (this.#poll) clearInterval(this.#poll);
    if (this.#beat) clearInterval(this.#beat);
    this.#poll = this.#beat = null;
  }
}
