// Headers for every response, pages and API routes alike. The Content-Security-Policy is not here: it
// carries a fresh nonce per page, so proxy.ts sets it (server/http/content-security-policy.ts).
const SECURITY_HEADERS = [
  // Browsers take a response as the type it declares, never as a script or page sniffed from its bytes.
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Other sites learn at most the origin of a link out of Kairo, never a brand or package id in its path.
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Kairo uses none of these features; a script injected into a page cannot either.
  {
    key: 'Permissions-Policy',
    value: [
      'accelerometer=()',
      'autoplay=()',
      'browsing-topics=()',
      'camera=()',
      'display-capture=()',
      'geolocation=()',
      'gyroscope=()',
      'hid=()',
      'magnetometer=()',
      'microphone=()',
      'midi=()',
      'payment=()',
      'publickey-credentials-get=()',
      'serial=()',
      'usb=()',
      'xr-spatial-tracking=()',
    ].join(', '),
  },
  // frame-ancestors 'none' in the CSP says the same to current browsers; this covers older ones and the
  // API routes, which carry no CSP.
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships its own WASM and data files; bundling it breaks their paths.
  serverExternalPackages: ['@electric-sql/pglite'],
  typedRoutes: false,
  // A second build folder lets the HTTP suite and the e2e run build side by side; `next start` must be
  // given the same value as the build it serves.
  distDir: process.env.KAIRO_NEXT_DIST_DIR || '.next',
  // The framework's name tells an attacker which advisories to try.
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
