import { z } from 'zod';

// Runs in the browser before the app hydrates. Zod compiles object parsers with `new Function` and
// probes for it on first use; the pages' CSP forbids eval (proxy.ts), so the probe is refused and the
// browser reports a policy violation. Zod's eval-free parser is the one it would fall back to anyway.
z.config({ jitless: true });
