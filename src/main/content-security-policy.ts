/**
 * The page's Content-Security-Policy, one definition for both ways the renderer is served (the
 * Electron app:// protocol and the loopback web host): scripts, styles and connections only from
 * the app's own origin, no framing, no plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
