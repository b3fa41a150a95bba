/**
 * How every browser run here launches Chromium: Debian's build, and no background traffic (no
 * network may be reached at test or bench time). The e2e config and the bench's P4 share it.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
