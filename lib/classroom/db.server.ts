/**
 * The classroom database: SQLite in one file (better-sqlite3), opened once per server process. Its path is
 * CLASSROOM_DB, else `$COURSE_DATA_DIR/classroom.sqlite` (COURSE_DATA_DIR defaults to ./.data, the systemd unit
 * sets /var/lib/wsgi-journey), outside the build folder so a new release keeps the classes. WAL mode lets every
 * worker of COURSE_WORKERS read while one writes.
 */
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { MIGRATIONS } from "./migrations";

export type ClassroomDb = Database.Database;

export function classroomDbPath(env: Record<string, string | undefined> = process.env): string {
  if (env.CLASSROOM_DB) return path.resolve(env.CLASSROOM_DB);
  return path.join(path.resolve(env.COURSE_DATA_DIR || ".data"), "classroom.sqlite");
}

/** Opens (creating when needed) the database at `file` and brings its schema up to date. */
export function openClassroomDb(file: string): ClassroomDb {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

/** Runs the migrations the file has not seen yet; returns how many ran. */
export function migrate(db: ClassroomDb): number {
  const at = db.pragma("user_version", { simple: true }) as number;
  if (at > MIGRATIONS.length) throw new Error(`classroom database is at schema ${at}, newer than this release knows (${MIGRATIONS.length})`);
  const step = db.transaction((index: number) => {
    db.exec(MIGRATIONS[index]!);
    db.pragma(`user_version = ${index + 1}`);
  });
  // IMMEDIATE: two workers starting together do not both run a step.
  for (let index = at; index < MIGRATIONS.length; index++) {
    const now = db.pragma("user_version", { simple: true }) as number;
    if (now > index) continue;
    step.immediate(index);
  }
  return MIGRATIONS.length - at;
}
