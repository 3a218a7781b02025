/**
 * Bounds on what a client may send to the chain API. Everything a user types is untrusted.
 *
 * The file bounds fit a typical student project brought on the bring-your-own-project page (app/my-project): an
 * app.py, a dozen templates, a stylesheet and a script or two, a few images — 64 files; one file up to 256 KiB
 * takes Bootstrap 5's minified CSS (about 230 KiB), the biggest file such projects usually carry; the whole body,
 * 2 MiB, takes such a project with its images sent as base64 (4/3 of their size).
 */
export const API_LIMITS = {
  /** Whole JSON body of POST /api/chain. */
  bodyBytes: 2 * 1024 * 1024,
  /** Nesting depth of that JSON. */
  jsonDepth: 8,
  /** Files a request may replace or add. */
  files: 64,
  /** One edited file. */
  fileBytes: 256 * 1024,
  /** The raw HTTP request the chain receives. */
  rawRequestBytes: 64 * 1024,
  headers: 64,
  headerBytes: 8 * 1024,
  targetBytes: 8 * 1024,
} as const;
