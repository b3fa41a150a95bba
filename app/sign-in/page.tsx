import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SupabaseSignInForm } from '@/components/auth/supabase-sign-in-form';
import { getServerCaller, getServerViewer } from '@/trpc/server';

export const metadata: Metadata = { title: 'Sign in · Kairo' };

const ROLE_LABEL = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

export default async function SignInPage() {
  if (await getServerViewer()) redirect('/');
  const signIn = await (await getServerCaller()).auth.mode();
  return (
    <main className="centered">
      <div className="card stack">
        <div>
          <p className="wordmark">Kairo</p>
          <h1>Sign in</h1>
        </div>
        {signIn.mode === 'supabase' ? (
          signIn.supabaseClient ? (
            <>
              <p className="muted">This deployment signs you in with its Supabase project.</p>
              <SupabaseSignInForm config={signIn.supabaseClient} />
            </>
          ) : (
            <p className="notice">
              Supabase is configured for verifying tokens, but SUPABASE_URL and SUPABASE_ANON_KEY are needed for signing in here.
            </p>
          )
        ) : signIn.demoSignIn ? (
          <DemoUsers />
        ) : (
          <p className="notice">
            The demo sign-in is disabled in production. Configure a Supabase project (SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_JWT_SECRET)
            to sign users in.
          </p>
        )}
      </div>
    </main>
  );
}

async function DemoUsers() {
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
                <div>
                  <div className="user-row__name">{user.displayName}</div>
                  <div className="muted small">{user.memberships.map((m) => `${ROLE_LABEL[m.role]} · ${m.tenantName}`).join(', ')}</div>
                </div>
                <button type="submit" className="button">
                  Sign in as {user.displayName}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <NewUserSignIn />
    </>
  );
}

/**
 * Any email signs in: the same address is always the same local user, a new one starts with no
 * workspace, and invites to that address are accepted. Demo mode only, like the list above.
 */
function NewUserSignIn() {
  return (
    <form action="/api/auth/demo-sign-in" method="post" className="stack">
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
