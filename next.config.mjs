/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships its own WASM and data files; bundling it breaks their paths.
  serverExternalPackages: ['@electric-sql/pglite'],
  typedRoutes: false,
  // A second build folder lets the HTTP suite and the e2e run build side by side; `next start` must be
  // given the same value as the build it serves.
  distDir: process.env.KAIRO_NEXT_DIST_DIR || '.next',
};

export default nextConfig;
