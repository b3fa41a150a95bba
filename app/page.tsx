import { redirect } from 'next/navigation';
import { brandSectionHref } from '@/components/app-shell/sections';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { getServerCaller, getServerViewer } from '@/trpc/server';

/** The front door: signed in → the first brand's Today board; signed out → the sign-in page. */
export default async function HomePage() {
  if (!(await getServerViewer())) redirect('/sign-in');
  const [first] = await (await getServerCaller()).brands.list();
  if (first) redirect(brandSectionHref(first.id, 'today'));
  return (
    <main className="centered">
      <div className="card stack">
        <h1>No brands yet</h1>
        <p>Your account does not belong to a team with a brand. Ask an owner of your team to add you.</p>
        <SignOutButton />
      </div>
    </main>
  );
}
