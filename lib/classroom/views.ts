/** What the classroom API sends: the instructor's dashboard and a student's follow state (JSON over SSE). */

export interface ClassPredictView {
  round: number;
  slug: string;
  predict: string;
  question: string;
  choices: string[];
  revealed: boolean;
}

export interface Dashboard {
  /** Nicknames in the order they joined. */
  students: string[];
  lessons: Array<{ slug: string; started: number; finished: number }>;
  /** Per question (quiz question, predict), how many gave each answer. */
  questions: Array<{ slug: string; question: string; answers: Array<{ answer: string; correct: boolean; count: number }> }>;
  /** Per challenge: solved, and stuck (tried without success yet). */
  challenges: Array<{ slug: string; challenge: string; solved: number; stuck: number; attempts: number }>;
  follow: { lesson: string | null; section: string | null };
  /** The class Predict: counts per choice (same order as `choices`), live before the reveal. */
  predict: (ClassPredictView & { counts: number[] }) | null;
}

export interface FollowState {
  lesson: string | null;
  section: string | null;
  predict: (ClassPredictView & { mine: string | null; counts: number[] | null }) | null;
}
