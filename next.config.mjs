/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships its own WASM and data files; bundling it breaks their paths.
  serverExternalPackages: ['@electric-sql/pglite'],
  typedRoutes: false,
};

export default nextConfig;
