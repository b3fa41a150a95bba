import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SECRET_FILE = 'demo-jwt-secret';
export const MIN_SECRET_LENGTH = 32;

/**
 * The demo's signing secret: KAIRO_DEMO_JWT_SECRET when set, else a random one made on first use and
 * kept in the (git-ignored) data folder, so demo sessions survive a restart and no secret ships in
 * the repository.
 */
export async function loadDemoSecret(configured: string | undefined, dataDir: string): Promise<Uint8Array> {
  if (configured) {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(`KAIRO_DEMO_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return new TextEncoder().encode(configured);
  }
  const file = path.join(/*turbopackIgnore: true*/ dataDir, SECRET_FILE);
  const stored = await readSecret(file);
  if (stored) return stored;
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process (a second dev server, a test worker) made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const created = await readSecret(file);
  if (!created) throw new Error(`${file} holds no usable secret; delete it to have a new one made`);
  return created;
}

async function readSecret(file: string): Promise<Uint8Array | null> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return text.length >= MIN_SECRET_LENGTH ? new TextEncoder().encode(text) : null;
}
