import { config } from 'zod/v4/core';

// Runs in the browser before the app hydrates. Zod compiles object parsers with `new Function` and
// probes for it on first use; the pages' CSP forbids eval (proxy.ts), so the probe is refused and the
// browser reports a policy violation. Zod's eval-free parser is the one it would fall back to anyway.
// Only zod's config setter is imported (the same global config the `z` API reads), so zod itself loads
// only on the pages whose components parse with it, not with every page.
config({ jitless: true });
