// Imported first by run.ts: test/http/prod-server.ts reads its build folder when it loads, and the bench
// builds and serves a folder of its own so it never disturbs the HTTP suite's or the e2e's build.
process.env.KAIRO_HTTP_DIST_DIR ||= '.next-bench';
