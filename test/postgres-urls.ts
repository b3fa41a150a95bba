/** The same server and credentials as `baseUrl`, pointed at another database. */
export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The maintenance database, from which test databases are created and dropped. */
export function adminUrl(baseUrl: string): string {
  return databaseUrlFor(baseUrl, 'postgres');
}
