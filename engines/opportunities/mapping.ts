import type { opportunities } from '../db/schema';
import { BoardCard, OpportunityDTO, scoreBand } from './dto';

export type OpportunityRow = typeof opportunities.$inferSelect;

/** The names of the row's persona and pillar, null when unset or deleted (from a left join). */
export interface HandleNames {
  personaName: string | null;
  pillarName: string | null;
}

/** The persona and pillar handles, and the band of the score: what a DTO and a card derive alike. */
function derived(row: Pick<OpportunityRow, 'personaId' | 'pillarId' | 'score'>, names: HandleNames) {
  return {
    personaHandle: row.personaId && names.personaName !== null ? { id: row.personaId, name: names.personaName } : null,
    pillarHandle: row.pillarId && names.pillarName !== null ? { id: row.pillarId, name: names.pillarName } : null,
    scoreBand: scoreBand(row.score),
  };
}

/**
 * The row as callers see it: no tenant id or dedupe key, plus the persona and pillar handles and the
 * fields derived from `now` and the score.
 */
export function toOpportunityDTO(row: OpportunityRow, names: HandleNames, now: Date): OpportunityDTO {
  const { tenantId: _tenantId, dedupeKey: _dedupeKey, ...fields } = row;
  return OpportunityDTO.parse({
    ...fields,
    ...derived(row, names),
    isSnoozed: row.snoozedUntil !== null && row.snoozedUntil > now,
  });
}

/** The row's columns a card is made of (`cardColumns` in queries.ts). */
export type CardColumns = Pick<OpportunityRow, keyof OpportunityRow & keyof BoardCard>;

/** A card's columns as the card: with its handles and score band. */
export function toBoardCard(columns: CardColumns, names: HandleNames): BoardCard {
  return BoardCard.parse({ ...columns, ...derived(columns, names) });
}
