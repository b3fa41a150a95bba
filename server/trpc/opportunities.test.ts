import { describe, expect, it } from 'vitest';
import { DEMO_MEMBER, DEMO_OWNER } from '../../supabase/seed/demo-users';
import { demoBed } from '../../test/fixtures/procedures';
import { rejection } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';

const bed = demoBed();

async function activePillar(brandId: string, viewer: Viewer) {
  const strategy = await bed.as(viewer).brands.strategy({ brandId });
  return { pillarId: strategy.pillars.find((p) => p.isActive)!.id, personaId: strategy.personas[0]!.id };
}

const idea = (brandId: string, title: string) => ({
  brandId,
  title,
  angle: 'Why the team should write it now.',
  type: 'campaign' as const,
  primaryChannel: 'linkedin' as const,
});

describe('opportunities.create', () => {
  it('lets a member add an idea that lands on the board as theirs, and refuses the same title again with CONFLICT', async () => {
    const strategy = await activePillar(bed.ledgerline, bed.member);
    const { opportunity, created } = await bed.as(bed.member).opportunities.create({
      ...idea(bed.ledgerline, 'Quarter-end in five days'),
      ...strategy,
    });
    expect(created).toBe(true);
    expect(opportunity).toMatchObject({ createdVia: 'manual', createdByUserId: DEMO_MEMBER.userId, ...strategy });
    const board = await bed.as(bed.owner).today.get({ brandId: bed.ledgerline, limit: 200 });
    expect(board.opportunities.map((o) => o.id)).toContain(opportunity.id);

    const duplicate = await rejection(bed.as(bed.owner).opportunities.create(idea(bed.ledgerline, 'quarter-end in FIVE days')));
    expect(duplicate.code).toBe('CONFLICT');
    expect(duplicate.message).toContain('“Quarter-end in five days”');
  });

  it("answers NOT_FOUND for another tenant's brand and BAD_REQUEST naming the field for another tenant's pillar", async () => {
    expect((await rejection(bed.as(bed.owner).opportunities.create(idea(bed.climateDesk, 'Not my brand')))).code).toBe('NOT_FOUND');
    const theirs = await activePillar(bed.climateDesk, bed.stranger);
    const foreign = await rejection(
      bed.as(bed.owner).opportunities.create({ ...idea(bed.ledgerline, 'Foreign pillar'), pillarId: theirs.pillarId }),
    );
    expect(foreign.code).toBe('BAD_REQUEST');
    expect(foreign.message).toMatch(/^pillarId: /);
    const missingField = await rejection(
      bed.as(bed.owner).opportunities.create({ ...idea(bed.ledgerline, ''), type: 'rumour' as 'trend' }),
    );
    expect(missingField.code).toBe('BAD_REQUEST');
    expect(missingField.message).toContain('title');
  });
});

describe('opportunities.importCsv', () => {
  it('imports a file for a member, and refuses a bad one with every line in the message', async () => {
    const csv = 'title,angle,type,primary_channel\nImported idea one,Angle,trend,x\nImported idea two,Angle,evergreen,newsletter\n';
    await expect(bed.as(bed.member).opportunities.importCsv({ brandId: bed.ledgerline, csv })).resolves.toMatchObject({ imported: 2 });

    const bad = 'title,angle,type,primary_channel\nFine idea,Angle,trend,x\nBad idea,Angle,rumour,x\n,Angle,trend,fax\n';
    const error = await rejection(bed.as(bed.member).opportunities.importCsv({ brandId: bed.ledgerline, csv: bad }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message.split('\n')).toEqual([
      '3 problem(s) in the file; nothing was imported:',
      'line 3: type must be one of trend, evergreen, competitive, campaign',
      'line 4: title is required',
      'line 4: primary_channel must be one of linkedin, x, newsletter, instagram, youtube, tiktok',
    ]);
    expect((await rejection(bed.as(bed.owner).opportunities.importCsv({ brandId: bed.climateDesk, csv }))).code).toBe('NOT_FOUND');
  });
});

describe('opportunities.dismiss', () => {
  it('takes the idea off the board, logs who dismissed it, and answers NOT_FOUND for another tenant', async () => {
    const { opportunity } = await bed.as(bed.owner).opportunities.create(idea(bed.ledgerline, 'To be dismissed'));
    const before = await bed.as(bed.owner).today.get({ brandId: bed.ledgerline, limit: 200 });
    const dismissed = await bed.as(bed.member).opportunities.dismiss({
      brandId: bed.ledgerline,
      opportunityId: opportunity.id,
      reason: 'Off topic',
    });
    expect(dismissed).toMatchObject({ dismissedReason: 'Off topic' });
    const after = await bed.as(bed.owner).today.get({ brandId: bed.ledgerline, limit: 200 });
    expect(after.opportunities.map((o) => o.id)).not.toContain(opportunity.id);
    expect(after.focus.metrics.total).toBe(before.focus.metrics.total - 1);

    const scope = { tenantId: DEMO_OWNER.tenantId, brandId: bed.ledgerline };
    const [logged] = await bed.system.engines.decisions.list(scope, { limit: 1 });
    expect(logged).toMatchObject({ kind: 'dismissed', opportunityId: opportunity.id, userId: DEMO_MEMBER.userId, reason: 'Off topic' });

    const strangers = await rejection(
      bed.as(bed.stranger).opportunities.dismiss({ brandId: bed.ledgerline, opportunityId: opportunity.id }),
    );
    expect(strangers.code).toBe('NOT_FOUND');
    const theirBoard = await bed.as(bed.stranger).today.get({ brandId: bed.climateDesk });
    const mixed = await rejection(
      bed.as(bed.owner).opportunities.dismiss({ brandId: bed.ledgerline, opportunityId: theirBoard.opportunities[0]!.id }),
    );
    expect(mixed.code).toBe('NOT_FOUND');
  });

  it("logs a snooze as the viewer's decision", async () => {
    const { opportunity } = await bed.as(bed.owner).opportunities.create(idea(bed.ledgerline, 'Snoozed by Max'));
    await bed.as(bed.member).opportunities.snooze({
      brandId: bed.ledgerline,
      opportunityId: opportunity.id,
      until: new Date(Date.now() + 86_400_000),
    });
    const scope = { tenantId: DEMO_OWNER.tenantId, brandId: bed.ledgerline };
    const logged = (await bed.system.engines.decisions.list(scope, { limit: 10 })).filter((d) => d.opportunityId === opportunity.id);
    expect(logged).toMatchObject([{ kind: 'snoozed', userId: DEMO_MEMBER.userId, channel: 'linkedin' }]);
  });
});
