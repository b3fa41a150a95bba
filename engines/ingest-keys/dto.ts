import { z } from 'zod';
import { Text } from '../text';

export const CreateIngestKeyInput = z.object({ name: Text(120) });
export type CreateIngestKeyInput = z.infer<typeof CreateIngestKeyInput>;

export const RevokeIngestKeyInput = z.object({ id: z.uuid() });
export type RevokeIngestKeyInput = z.infer<typeof RevokeIngestKeyInput>;

/** What an admin sees of a key: never the key itself, which only its creator saw, once. */
export const IngestKeyDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  name: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type IngestKeyDTO = z.infer<typeof IngestKeyDTO>;

export const CreatedIngestKey = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The secret, returned this once; only its sha256 is stored. */
  key: z.string(),
  createdAt: z.date(),
});
export type CreatedIngestKey = z.infer<typeof CreatedIngestKey>;

export const RevokedIngestKey = z.object({ id: z.uuid(), revokedAt: z.date() });
export type RevokedIngestKey = z.infer<typeof RevokedIngestKey>;

/** The brand a presented key speaks for. */
export const IngestKeyScope = z.object({ tenantId: z.uuid(), brandId: z.uuid(), keyId: z.uuid() });
export type IngestKeyScope = z.infer<typeof IngestKeyScope>;
