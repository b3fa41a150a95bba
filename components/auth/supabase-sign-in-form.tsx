'use client';

import { createClient } from '@supabase/supabase-js';
import { type FormEvent, useState } from 'react';
import { safeNextPath } from '@/lib/next-path';
import type { SupabaseClientConfig } from '@/trpc/types';

/**
 * Email and password through Supabase Auth in the browser; the resulting session is handed to the
 * server, which verifies the access token and keeps both tokens in http-only cookies (the browser
 * client keeps nothing: proxy.ts refreshes the session server-side).
 */
export function SupabaseSignInForm({ config, next }: { config: SupabaseClientConfig; next: string | null }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const supabase = createClient(config.url, config.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });
      const { data, error: authError } = await supabase.auth.signInWithPassword({
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
      });
      if (authError || !data.session) throw new Error(authError?.message ?? 'Sign-in failed');
      const response = await fetch('/api/auth/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accessToken: data.session.access_token, refreshToken: data.session.refresh_token }),
      });
      // 429 carries its own words: how long to wait before the next attempt.
      if (response.status === 429)
        throw new Error(
          ((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? 'Too many sign-in attempts: wait a minute',
        );
      if (!response.ok) throw new Error('The server did not accept the session');
      // Checked again here: the prop comes from the URL, and only a path on this site is followed.
      window.location.assign(safeNextPath(next) ?? '/');
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Sign-in failed');
      setBusy(false);
    }
  }

  // The fields are read on submit, so what was typed while the page loaded counts. A submit before the
  // script has loaded posts back to this page, never a GET that would put the password in the address.
  return (
    <form className="stack" method="post" onSubmit={signIn}>
      <label className="field">
        <span>Email</span>
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label className="field">
        <span>Password</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
