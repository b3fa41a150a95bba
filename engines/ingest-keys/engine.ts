import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { brands, ingestKeys } from '../db/schema';
import { timestamptz } from '../db/sql-time';
import { NotFoundError } from '../errors';
import { assertBrandLive, BrandScope, brandIsLive, inBrand } from '../scope';
import { CreatedIngestKey, CreateIngestKeyInput, IngestKeyDTO, IngestKeyScope, RevokedIngestKey, RevokeIngestKeyInput } from './dto';

/** Recognisable in logs and secret scanners; the rest is 32 random bytes. */
const KEY_PREFIX = 'kik_';

/**
 * Per-brand keys for the metrics ingest route. A key carries 256 random bits, so a plain sha256 is
 * enough to store it (no slow hash is needed against guessing), and it lets a presented key be
 * found by an indexed equality lookup instead of comparing against every stored hash.
 */
export class IngestKeysEngine {
  private readonly clock: Clock;

  constructor(
    private readonly db: Database,
    deps: { clock?: Clock } = {},
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  async createKey(brand: BrandScope, input: CreateIngestKeyInput): Promise<CreatedIngestKey> {
    const scope = BrandScope.parse(brand);
    const { name } = CreateIngestKeyInput.parse(input);
    await assertBrandLive(this.db, scope);
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [row] = await this.db
      .insert(ingestKeys)
      .values({ tenantId: scope.tenantId, brandId: scope.brandId, name, keyHash: hashKey(key), createdAt: this.clock() })
      .returning();
    return CreatedIngestKey.parse({ id: row!.id, name: row!.name, key, createdAt: row!.createdAt });
  }

  /** Revoking twice keeps the first revocation time. */
  async revokeKey(brand: BrandScope, input: RevokeIngestKeyInput): Promise<RevokedIngestKey> {
    const scope = BrandScope.parse(brand);
    const { id } = RevokeIngestKeyInput.parse(input);
    const [row] = await this.db
      .update(ingestKeys)
      .set({ revokedAt: sql`coalesce(${ingestKeys.revokedAt}, ${timestamptz(this.clock())})`, updatedAt: sql`now()` })
      .where(and(eq(ingestKeys.id, id), inBrand(ingestKeys, scope)))
      .returning({ id: ingestKeys.id, revokedAt: ingestKeys.revokedAt });
    if (!row) throw new NotFoundError('Ingest key', id);
    return RevokedIngestKey.parse(row);
  }

  async listKeys(brand: BrandScope): Promise<IngestKeyDTO[]> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const rows = await this.db
      .select({
        id: ingestKeys.id,
        brandId: ingestKeys.brandId,
        name: ingestKeys.name,
        createdAt: ingestKeys.createdAt,
        lastUsedAt: ingestKeys.lastUsedAt,
        revokedAt: ingestKeys.revokedAt,
      })
      .from(ingestKeys)
      .where(inBrand(ingestKeys, scope))
      .orderBy(desc(ingestKeys.createdAt), ingestKeys.id);
    return rows.map((row) => IngestKeyDTO.parse(row));
  }

  /**
   * The brand a presented key speaks for, or null when the key is unknown, revoked, or its brand is
   * gone (deleted or archived): the caller answers all of these alike (401), so none of them is revealed. Marks it used.
   */
  async verifyKey(presented: string): Promise<IngestKeyScope | null> {
    if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return null;
    const [row] = await this.db
      .update(ingestKeys)
      .set({ lastUsedAt: this.clock() })
      .where(
        and(
          eq(ingestKeys.keyHash, hashKey(presented)),
          isNull(ingestKeys.revokedAt),
          isNull(ingestKeys.deletedAt),
          sql`exists (select 1 from ${brands} where ${brands.id} = ${ingestKeys.brandId} and ${brands.tenantId} = ${ingestKeys.tenantId} and ${brandIsLive()})`,
        ),
      )
      .returning({ tenantId: ingestKeys.tenantId, brandId: ingestKeys.brandId, keyId: ingestKeys.id });
    return row ? IngestKeyScope.parse(row) : null;
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
