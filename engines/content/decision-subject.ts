import type { RecordDecisionInput } from '../decisions/dto';
import type { PackageRow, VariantRow } from './queries';

/** What a decision records of what it was about, besides its kind, reason and person. */
export type DecisionSubject = Pick<
  RecordDecisionInput,
  'opportunityId' | 'packageId' | 'variantId' | 'pillarId' | 'personaId' | 'channel' | 'patternId'
>;

/**
 * A decision about a package: the opportunity it came from, its pillar and persona. A package for one
 * channel is about that channel; one for several is about none of them alone.
 */
export function aboutPackage(pkg: PackageRow): DecisionSubject {
  return {
    opportunityId: pkg.originOpportunityId,
    packageId: pkg.id,
    pillarId: pkg.pillarId,
    personaId: pkg.personaId,
    channel: pkg.channels.length === 1 ? pkg.channels[0] : null,
  };
}

/** A decision about one variant of the package: the package's origin and audience, the variant's channel and pattern. */
export function aboutVariant(pkg: PackageRow, variant: VariantRow): DecisionSubject {
  return { ...aboutPackage(pkg), variantId: variant.id, channel: variant.channel, patternId: variant.patternTemplateId };
}
