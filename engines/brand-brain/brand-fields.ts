import { slugFromName } from '../../lib/slug';
import type { Channel } from '../enums';
import { InvariantViolationError } from '../errors';
import type { BrandChannel } from './dto';

/** The slug given, or the one the name gives; a name with nothing to keep needs a slug from the person. */
export function brandSlug(name: string, slug: string | undefined): string {
  if (slug) return slug;
  const derived = slugFromName(name);
  if (!derived) {
    throw new InvariantViolationError(
      'slug: the name has no letters a–z or digits to make a slug from; give a slug (lowercase letters, digits and hyphens)',
      'input',
    );
  }
  return derived;
}

/**
 * The brand's channels, each once, with the primary channel among them: added (with no handle yet)
 * when the list lacks it, since choosing a primary channel says the brand publishes there.
 */
export function channelsWithPrimary(channels: BrandChannel[], primaryChannel: Channel): BrandChannel[] {
  const seen = new Set<Channel>();
  for (const { channel } of channels) {
    if (seen.has(channel)) throw new InvariantViolationError(`channels: ${channel} is listed more than once`, 'input');
    seen.add(channel);
  }
  return seen.has(primaryChannel) ? channels : [{ channel: primaryChannel, handle: '' }, ...channels];
}
