/** A plain form post, so signing out works before (or without) JavaScript. */
export function SignOutButton() {
  return (
    <form action="/api/auth/sign-out" method="post">
      <button type="submit" className="button button--quiet">
        Sign out
      </button>
    </form>
  );
}
