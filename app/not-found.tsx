import Link from 'next/link';

export default function NotFound() {
  return (
    <main id="main-content" tabIndex={-1} className="centered">
      <div className="card stack">
        <h1>Not found</h1>
        <p className="muted">This page does not exist, or it belongs to a brand you cannot see.</p>
        <Link href="/" className="button">
          Back to Kairo
        </Link>
      </div>
    </main>
  );
}
