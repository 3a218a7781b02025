/** Bounds on what a client may send to the chain API. Everything a user types is untrusted. */
export const API_LIMITS = {
  /** Whole JSON body of POST /api/chain. */
  bodyBytes: 1024 * 1024,
  /** Nesting depth of that JSON. */
  jsonDepth: 8,
  /** Files a request may replace or add. */
  files: 32,
  /** One edited file. */
  fileBytes: 128 * 1024,
  /** The raw HTTP request the chain receives. */
  rawRequestBytes: 64 * 1024,
  headers: 64,
  headerBytes: 8 * 1024,
  targetBytes: 8 * 1024,
} as const;
