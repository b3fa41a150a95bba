import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * A page outside the brand shell (sign-in, the front door, the brand list, a new brand): the wordmark and
 * the page's heading on one centred card, its content below them. `homeLink` makes the wordmark the way
 * back to `/` on pages a signed-in person reaches from a brand.
 */
export function CenteredPage({
  title,
  wide = false,
  homeLink = false,
  children,
}: {
  title: string;
  wide?: boolean;
  homeLink?: boolean;
  children: ReactNode;
}) {
  return (
    <main id="main-content" tabIndex={-1} className="centered">
      <div className={wide ? 'card card--wide stack' : 'card stack'}>
        <div>
          {homeLink ? (
            <Link href="/" className="wordmark">
              Kairo
            </Link>
          ) : (
            <p className="wordmark">Kairo</p>
          )}
          <h1>{title}</h1>
        </div>
        {children}
      </div>
    </main>
  );
}
