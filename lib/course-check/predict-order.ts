/**
 * A prediction must come before the explanation it checks: the text of the section above a <Predict> (from the
 * last heading, or the previous widget, down to the Predict) must not already print its answer.
 */

/** The lesson text between the closest heading or widget above `<Predict id="…">` and the Predict itself. */
export function textAbovePredict(mdx: string, id: string): string {
  const at = mdx.search(new RegExp(`<Predict\\b[^>]*?\\bid="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`, "s"));
  if (at === -1) throw new Error(`<Predict id="${id}"> not found in the lesson source`);
  const before = mdx.slice(0, at);
  const boundaries = [/\n#{2,3} [^\n]*\n/g, /\n\/>\s*\n/g, /\n<\/[A-Z]\w*>\s*\n/g];
  let start = 0;
  for (const pattern of boundaries) {
    for (const match of before.matchAll(pattern)) start = Math.max(start, match.index + match[0].length);
  }
  return before.slice(start);
}

/** Whether `text` prints `answer` as a whole token (a status "200" is not found inside "1200" or "/200/"). */
export function mentions(text: string, answer: string): boolean {
  const escaped = answer.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return new RegExp(`(?<![\\w/])${escaped}(?![\\w/])`, "i").test(text);
}

/** The lesson source without the `<Quiz …/>` element itself: what a student has read when the quiz asks. */
export function textOutsideQuiz(mdx: string, id: string): string {
  const at = mdx.search(new RegExp(`<Quiz\\b[^>]*?\\bid="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`, "s"));
  if (at === -1) throw new Error(`<Quiz id="${id}"> not found in the lesson source`);
  const end = mdx.indexOf("\n/>", at);
  return mdx.slice(0, at) + (end === -1 ? "" : mdx.slice(end + 3));
}

/**
 * Whether a quiz's right answer is a sentence the lesson already prints, so that the question tests finding it
 * rather than applying it. Only answers of two or more words count: a single word or a value (a status such as
 * "504 Gateway Time-out", a `location` line) naturally appears in the lesson and is judged by the question, which
 * must describe a case the lesson did not run.
 */
export function quizAnswerTold(lessonText: string, answer: string): boolean {
  const plain = answer.replace(/[`*]/g, "").trim();
  if (plain.split(/\s+/).length < 2 || /^\d{3}\b/.test(plain) || /^location\s/.test(plain)) return false;
  return mentions(lessonText.replace(/[`*]/g, ""), plain);
}
