/**
 * werkzeug.utils.secure_filename (Werkzeug 2.2, on Linux): NFKD, non-ASCII dropped, `/` and whitespace runs become
 * one `_`, characters outside `[A-Za-z0-9_.-]` removed, then `.` and `_` stripped from both ends.
 */

/** Python's str.split() separators within ASCII (it also splits on \x1c-\x1f). */
const PY_ASCII_WHITESPACE = /[\t\n\x0b\x0c\r\x1c-\x1f ]+/;

export function secureFilename(filename: string): string {
  const ascii = filename.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
  const words = ascii.replace(/\//g, " ").split(PY_ASCII_WHITESPACE).filter((w) => w !== "");
  return words.join("_").replace(/[^A-Za-z0-9_.-]/g, "").replace(/^[._]+|[._]+$/g, "");
}
