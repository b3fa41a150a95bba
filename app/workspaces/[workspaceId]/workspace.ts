import { cache } from 'react';
import { z } from 'zod';
import { getServerCaller } from '@/trpc/server';

/**
 * The viewer's workspace named in the URL with their role, or null: not a uuid, not theirs, or gone all
 * look the same. Cached per request, so the layout and the page share one lookup.
 */
export const viewerWorkspace = cache(async (workspaceId: string) => {
  if (!z.uuid().safeParse(workspaceId).success) return null;
  const workspaces = await (await getServerCaller()).workspaces.list();
  return workspaces.find((w) => w.id === workspaceId) ?? null;
});
