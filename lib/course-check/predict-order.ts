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
