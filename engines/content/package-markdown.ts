import { z } from 'zod';
import { CHANNEL_LABELS } from '../../lib/labels';
import { PACKAGE_STATUS_LABELS, VARIANT_STATUS_LABELS } from '../../lib/package-lifecycle';
import type { PackageWorkspaceView, VariantDTO } from './dto';

export const PackageMarkdown = z.object({ filename: z.string(), markdown: z.string() });
export type PackageMarkdown = z.infer<typeof PackageMarkdown>;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The title as a file name: lowercase words joined by dashes, short enough for any file system. */
export function markdownFilename(title: string): string {
  const slug = title
    // Accents come apart under NFKD and their marks go, so "Café" names cafe.md rather than caf-.md.
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'package'}.md`;
}

/** A line of a person's text that Markdown would read as a heading or a list stays text in a list item. */
const bullet = (text: string) => `- ${text.replace(/\s*\n\s*/g, ' ')}`;

function variantSection(variant: VariantDTO, index: number): string[] {
  const facts = [VARIANT_STATUS_LABELS[variant.status]];
  if (variant.patternName) facts.push(`pattern: ${variant.patternName}`);
  const lines = [`### Variant ${index + 1} · ${facts.join(' · ')}`, ''];
  if (variant.scheduledPublishAt && variant.status === 'scheduled')
    lines.push(`Scheduled for ${variant.scheduledPublishAt.toISOString()}`, '');
  if (variant.publishedAt) lines.push(`Published ${variant.publishedAt.toISOString()}`, '');
  if (variant.postUrl) lines.push(`Post: <${variant.postUrl}>`, '');
  else if (variant.externalPostId) lines.push(`Post id: ${variant.externalPostId}`, '');
  lines.push(variant.text.trim() || '_(no text)_', '');
  return lines;
}

/**
 * The package as one Markdown document to share or file: title, state, where it came from, the
 * thesis, then each channel's variants (state, pattern, schedule, post link, text).
 */
export function packageMarkdown(view: PackageWorkspaceView, exportedAt: Date): PackageMarkdown {
  const { package: pkg, opportunity } = view;
  const lines = [
    `# ${pkg.title}`,
    '',
    bullet(`Status: ${PACKAGE_STATUS_LABELS[pkg.status]}`),
    bullet(`Channels: ${pkg.channels.map((channel) => CHANNEL_LABELS[channel]).join(', ')}`),
    bullet(opportunity ? `From the idea: ${opportunity.title}` : 'From the idea: no longer available'),
    bullet(`Last changed: ${pkg.updatedAt.toISOString()}`),
    bullet(`Exported: ${isoDay(exportedAt)}`),
    '',
    '## Thesis',
    '',
    pkg.coreArgument?.trim() || '_No core argument yet._',
    '',
  ];
  if (pkg.keyPoints.length) lines.push('### Key points', '', ...pkg.keyPoints.map(bullet), '');
  if (pkg.risksToAvoid.length) lines.push('### Risks to avoid', '', ...pkg.risksToAvoid.map(bullet), '');
  for (const channel of pkg.channels) {
    const variants = view.variantsByChannel[channel] ?? [];
    lines.push(`## ${CHANNEL_LABELS[channel]}`, '');
    if (!variants.length) lines.push('_No drafts._', '');
    variants.forEach((variant, index) => {
      lines.push(...variantSection(variant, index));
    });
  }
  return PackageMarkdown.parse({ filename: markdownFilename(pkg.title), markdown: `${lines.join('\n').trimEnd()}\n` });
}
