import type { opportunities } from '../db/schema';
import { OpportunityDTO, scoreBand } from './dto';

export type OpportunityRow = typeof opportunities.$inferSelect;

/** The names of the row's persona and pillar, null when unset or deleted (from a left join). */
export interface HandleNames {
  personaName: string | null;
  pillarName: string | null;
}

/**
 * The row as callers see it: no tenant id or dedupe key, plus the persona and pillar handles and the
 * fields derived from `now` and the score.
 */
export function toOpportunityDTO(row: OpportunityRow, names: HandleNames, now: Date): OpportunityDTO {
  const { tenantId: _tenantId, dedupeKey: _dedupeKey, ...fields } = row;
  return OpportunityDTO.parse({
    ...fields,
    personaHandle: row.personaId && names.personaName !== null ? { id: row.personaId, name: names.personaName } : null,
    pillarHandle: row.pillarId && names.pillarName !== null ? { id: row.pillarId, name: names.pillarName } : null,
    isSnoozed: row.snoozedUntil !== null && row.snoozedUntil > now,
    scoreBand: scoreBand(row.score),
  });
}
