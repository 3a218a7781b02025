/**
 * Security headers for every page and route. One list, used by next.config.ts and copied into the deploy nginx
 * config (a test keeps the two equal), since nginx serves the prerendered pages itself.
 *
 * Scripts: the prerendered pages carry Next's inline bootstrap scripts and our no-flash theme script; a nonce needs
 * per-request rendering, which static pages do not have, so inline scripts are allowed but nothing from elsewhere.
 */
export function securityHeaders(options: { development?: boolean } = {}): Array<{ key: string; value: string }> {
  const scriptSrc = ["'self'", "'unsafe-inline'", ...(options.development ? ["'unsafe-eval'"] : [])].join(" ");
  const csp = [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}
