import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CenteredPage } from '@/components/app-shell/centered-page';
import { SupabaseSignInForm } from '@/components/auth/supabase-sign-in-form';
import { ROLE_LABELS } from '@/components/workspaces/roles';
import { NEXT_PARAM, safeNextPath } from '@/lib/next-path';
import { getServerCaller, getServerViewer } from '@/trpc/server';

export const metadata: Metadata = { title: 'Sign in · Kairo' };

interface SignInPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** `?next=<path>` (a same-origin path only, lib/next-path.ts) is where each way of signing in lands afterwards. */
export default async function SignInPage({ searchParams }: SignInPageProps) {
  const next = safeNextPath((await searchParams)[NEXT_PARAM]);
  if (await getServerViewer()) redirect(next ?? '/');
  const signIn = await (await getServerCaller()).auth.mode();
  return (
    <CenteredPage title="Sign in">
      {signIn.mode === 'supabase' ? (
        signIn.supabaseClient ? (
          <>
            <p className="muted">This deployment signs you in with its Supabase project.</p>
            <SupabaseSignInForm config={signIn.supabaseClient} next={next} />
          </>
        ) : (
          <p className="notice">
            Supabase is configured for verifying tokens, but SUPABASE_URL and SUPABASE_ANON_KEY are needed for signing in here.
          </p>
        )
      ) : signIn.demoSignIn ? (
        <DemoUsers next={next} />
      ) : (
        <p className="notice">
          The demo sign-in is disabled in production. Configure a Supabase project (SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_JWT_SECRET) to
          sign users in.
        </p>
      )}
    </CenteredPage>
  );
}

async function DemoUsers({ next }: { next: string | null }) {
  const users = await (await getServerCaller()).auth.demoUsers();
  return (
    <>
      <p className="muted">
        Demo mode: no Supabase project is configured, so pick one of the seeded demo users, or sign in as anyone by email.
      </p>
      {users.length === 0 ? (
        <p className="notice">The database has no users yet. Start the app with `npm run dev` to seed the demo data.</p>
      ) : (
        <ul className="user-list">
          {users.map((user) => (
            <li key={user.userId}>
              <form action="/api/auth/demo-sign-in" method="post" className="user-row">
                <input type="hidden" name="userId" value={user.userId} />
                <NextField next={next} />
                <div>
                  <div className="user-row__name">{user.displayName}</div>
                  <div className="muted small">{user.memberships.map((m) => `${ROLE_LABELS[m.role]} · ${m.tenantName}`).join(', ')}</div>
                </div>
                <button type="submit" className="button">
                  Sign in as {user.displayName}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <NewUserSignIn next={next} />
    </>
  );
}

/**
 * Any email signs in: the same address is always the same local user, a new one starts with no
 * workspace, and invites to that address are accepted. Demo mode only, like the list above.
 */
function NewUserSignIn({ next }: { next: string | null }) {
  return (
    <form action="/api/auth/demo-sign-in" method="post" className="stack">
      <NextField next={next} />
      <h2>New here?</h2>
      <label className="field">
        <span>Email</span>
        <input type="email" name="email" required maxLength={320} autoComplete="email" placeholder="you@company.com" />
        <span className="muted small">Signs you in as that person (no password in demo mode). You can create your workspace next.</span>
      </label>
      <button type="submit" className="button">
        Sign in with this email
      </button>
    </form>
  );
}

/** Carries the page to return to through the form post; the route checks it again before following it. */
function NextField({ next }: { next: string | null }) {
  return next ? <input type="hidden" name={NEXT_PARAM} value={next} /> : null;
}
