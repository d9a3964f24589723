// Zod compiles object parsers with `new Function` when eval is allowed, and probes for it by
// trying once. The renderer's Content-Security-Policy forbids eval (no 'unsafe-eval'), so the probe
// is a reported CSP violation; jitless parsing never probes. Imported before any schema is built.
import { z } from 'zod';

z.config({ jitless: true });
