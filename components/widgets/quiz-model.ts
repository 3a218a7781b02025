/** Quiz content rules, checked when a lesson is built (a quiz with no or two right answers fails the build). */

export interface QuizChoice {
  text: string;
  correct?: boolean;
  /** Why this choice is right or wrong, shown after answering. */
  why: string;
}

export interface QuizQuestion {
  question: string;
  choices: QuizChoice[];
}

/** Problems with a quiz's content, as sentences for the author; empty when fine. */
export function quizProblems(id: string, questions: QuizQuestion[]): string[] {
  const problems: string[] = [];
  if (!/^[a-z0-9-]{1,60}$/.test(id)) problems.push(`<Quiz id="${id}">: id must be lower-case letters, digits and dashes`);
  if (questions.length === 0) problems.push(`<Quiz id="${id}">: give at least one question`);
  questions.forEach((q, i) => {
    const correct = q.choices.filter((c) => c.correct).length;
    if (q.choices.length < 2) problems.push(`<Quiz id="${id}"> question ${i + 1}: give at least two choices`);
    if (correct !== 1) {
      problems.push(`<Quiz id="${id}"> question ${i + 1} ("${q.question}"): exactly one choice must have correct: true, found ${correct}`);
    }
    q.choices.forEach((c, j) => {
      if (!c.why?.trim()) problems.push(`<Quiz id="${id}"> question ${i + 1}, choice ${j + 1}: explain it in "why"`);
    });
  });
  return problems;
}
