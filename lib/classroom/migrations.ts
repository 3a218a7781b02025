/**
 * The classroom database's schema, one step per entry. `PRAGMA user_version` records how many have run; at
 * start-up db.server.ts runs the ones after it, each in a transaction. Never edit a step that shipped: add one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE classes (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    secret_hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    active_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 0,
    follow_lesson TEXT,
    follow_section TEXT,
    predict_round INTEGER NOT NULL DEFAULT 0,
    predict_json TEXT,
    predict_revealed INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX classes_active ON classes(active_at);

  CREATE TABLE students (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    token_hash BLOB NOT NULL UNIQUE,
    nickname TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    items INTEGER NOT NULL DEFAULT 0,
    UNIQUE (class_id, nickname)
  );

  CREATE TABLE lessons (
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    class_id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    PRIMARY KEY (student_id, slug)
  ) WITHOUT ROWID;
  CREATE INDEX lessons_class ON lessons(class_id);

  CREATE TABLE answers (
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    class_id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    correct INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (student_id, question)
  ) WITHOUT ROWID;
  CREATE INDEX answers_class ON answers(class_id);

  CREATE TABLE challenges (
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    class_id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    challenge TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    solved_at INTEGER,
    PRIMARY KEY (student_id, challenge)
  ) WITHOUT ROWID;
  CREATE INDEX challenges_class ON challenges(class_id);

  CREATE TABLE predict_answers (
    class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    student_id INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    PRIMARY KEY (class_id, round, student_id)
  ) WITHOUT ROWID;
  `,
];
