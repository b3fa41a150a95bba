import { describe, expect, it } from 'vitest';
import { channelDrafts, errorsByField, selectedChannels } from './brand-fields';

describe('the channel list', () => {
  it('sends the ticked channels and always the primary one, with trimmed handles', () => {
    const drafts = channelDrafts([{ channel: 'x', handle: '@brand' }]).map((draft) =>
      draft.channel === 'newsletter' ? { ...draft, handle: '  Weekly  ' } : draft,
    );
    expect(selectedChannels(drafts, 'newsletter')).toEqual([
      { channel: 'x', handle: '@brand' },
      { channel: 'newsletter', handle: 'Weekly' },
    ]);
  });

  it('starts from the stored channels, every other channel unticked', () => {
    const drafts = channelDrafts([{ channel: 'linkedin', handle: 'co' }]);
    expect(drafts.filter((draft) => draft.selected)).toEqual([{ channel: 'linkedin', selected: true, handle: 'co' }]);
    expect(drafts).toHaveLength(6);
  });
});

describe('errorsByField', () => {
  it("puts zod's field errors and the engine's field-named refusals beside their fields", () => {
    const refused = {
      message: 'Invalid input: slug: bad',
      data: { zodError: { fieldErrors: { slug: ['bad'], 'channels.1.handle': ['too long'] } } },
    };
    expect(errorsByField(refused)).toEqual({ fields: { slug: 'bad', channels: 'too long' }, form: null });
    expect(errorsByField({ message: 'slug: the workspace already has a brand with the slug "acme"' })).toEqual({
      fields: { slug: 'the workspace already has a brand with the slug "acme"' },
      form: null,
    });
  });

  it('keeps any other failure for the whole form', () => {
    expect(errorsByField({ message: 'Only owners and admins may do this' })).toEqual({
      fields: {},
      form: 'Only owners and admins may do this',
    });
    expect(errorsByField(null)).toEqual({ fields: {}, form: null });
  });
});
