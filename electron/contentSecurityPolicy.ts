// The one Content-Security-Policy: sent as a header by the app:// protocol (electron/security.ts)
// and written as a meta tag in renderer/index.html so the browser build has it too. A unit test
// (contentSecurityPolicy.test.ts) fails if the two differ. Scripts and workers come from the app
// only (the simulation worker is its own bundled file, never a blob:).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');
