import { describe, expect, it } from 'vitest';
import { CsvFormatError, eventsFromCsv, parseCsv } from './execution-events-csv';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and skips blank lines', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n\n1,2').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['1', '2'],
    ]);
  });

  it('gives each record the physical line it starts on, past multi-line quoted fields and blank lines', () => {
    const text = 'h1,h2\n"two\nlines",x\n\n\nafter,blanks\r\n"crlf\r\ninside",y\r\n\r\nlast,z\rold-mac,w\n';
    expect(parseCsv(text).map((r) => [r.line, r.fields[0]])).toEqual([
      [1, 'h1'],
      [2, 'two\nlines'],
      [6, 'after'],
      [7, 'crlf\r\ninside'],
      [10, 'last'],
      [11, 'old-mac'],
    ]);
  });

  it('refuses a file that ends inside a quote, naming the line the quote opened on', () => {
    expect(() => parseCsv('a\n\n"open\nstill open')).toThrow(new CsvFormatError('The file ends inside the quoted field opened on line 3'));
  });
});

describe('eventsFromCsv', () => {
  it('maps the documented columns in any order and header spelling to event inputs', () => {
    const csv =
      '\uFEFFOccurred At,Channel,External Event ID,external_post_id,event_type,count,event_value\n2026-03-12T10:00:00Z,linkedin,e-1,urn:li:1,impression,1200,\n2026-03-12T10:00:00Z,x,e-2,1789,like,7,0.5\n';
    expect(eventsFromCsv(csv).map((row) => row.event)).toEqual([
      {
        occurredAt: '2026-03-12T10:00:00Z',
        channel: 'linkedin',
        externalEventId: 'e-1',
        externalPostId: 'urn:li:1',
        eventType: 'impression',
        count: 1200,
      },
      {
        occurredAt: '2026-03-12T10:00:00Z',
        channel: 'x',
        externalEventId: 'e-2',
        externalPostId: '1789',
        eventType: 'like',
        count: 7,
        eventValue: 0.5,
      },
    ]);
  });

  it('numbers each event by the file line its row starts on', () => {
    const csv =
      '\nchannel,external_event_id,external_post_id,event_type,count,occurred_at\nx,e-1,"post\none",like,1,2026-03-12T10:00:00Z\n\nx,e-2,p2,like,2,2026-03-12T10:00:00Z\n';
    expect(eventsFromCsv(csv).map((row) => [row.line, row.event.externalEventId])).toEqual([
      [3, 'e-1'],
      [6, 'e-2'],
    ]);
  });

  it('keeps a non-numeric count as text so the engine refuses that row by number', () => {
    const csv = 'channel,external_event_id,variant_id,event_type,count,occurred_at\nx,e-1,3f0c,like,many,2026-03-12T10:00:00Z\n';
    expect(eventsFromCsv(csv)[0]!.event.count).toBe('many');
  });

  it('names the missing columns', () => {
    expect(() => eventsFromCsv('channel,count\nx,1')).toThrow(/external_event_id, event_type, occurred_at, variant_id or external_post_id/);
  });
});
