/** markupsafe 2.1's escape(): the five HTML-special characters, with numeric entities for quotes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>'"]/g, (c) => ESCAPES[c] ?? c);
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "'": "&#39;",
  '"': "&#34;",
};
