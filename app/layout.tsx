import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '@/trpc/react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Kairo',
  description: 'Per-brand content pre-production: strategy, scored opportunities, patterns and packages.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: Next puts the CSP nonce proxy.ts made for this request on its
  // scripts, and a page prerendered at build time (the not-found page) would carry none and be blocked.
  await connection();
  return (
    <html lang="en">
      <body>
        {/* The first thing Tab reaches on every page: past the header and the brand's sections to the page itself. */}
        <a href="#main-content" className="skip-link">
          Skip to content
        </a>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
