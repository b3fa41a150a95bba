import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight';

/** A read the test settles by hand, counting how often it was started. */
function controlledRead<T>() {
  let started = 0;
  const pending: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const read = () => {
    started++;
    return new Promise<T>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { read, started: () => started, settle: (index: number) => pending[index]! };
}

describe('SingleFlight', () => {
  it('runs one read for identical callers while it is in flight, and reads anew once it settled', async () => {
    const flights = new SingleFlight();
    const board = controlledRead<{ cards: number }>();
    const first = flights.run('tenant-a:brand-1:user-1', board.read);
    const second = flights.run('tenant-a:brand-1:user-1', board.read);
    await Promise.resolve();
    expect(board.started()).toBe(1);
    board.settle(0).resolve({ cards: 3 });
    const [a, b] = await Promise.all([first, second]);
    expect(a).toEqual({ cards: 3 });
    expect(b).toBe(a);

    const third = flights.run('tenant-a:brand-1:user-1', board.read);
    await Promise.resolve();
    expect(board.started()).toBe(2);
    board.settle(1).resolve({ cards: 4 });
    expect(await third).toEqual({ cards: 4 });
  });

  it('never shares a read between different keys', async () => {
    const flights = new SingleFlight();
    const board = controlledRead<string>();
    const mine = flights.run('tenant-a:brand-1:user-1', board.read);
    const theirs = flights.run('tenant-b:brand-1:user-1', board.read);
    await Promise.resolve();
    expect(board.started()).toBe(2);
    board.settle(0).resolve('tenant a');
    board.settle(1).resolve('tenant b');
    expect(await mine).toBe('tenant a');
    expect(await theirs).toBe('tenant b');
  });

  it('hands a failure to every caller that shared the read, and keeps none of it', async () => {
    const flights = new SingleFlight();
    const board = controlledRead<string>();
    const callers = [flights.run('k', board.read), flights.run('k', board.read), flights.run('k', board.read)];
    await Promise.resolve();
    board.settle(0).reject(new Error('database down'));
    const results = await Promise.allSettled(callers);
    expect(results.map((result) => (result.status === 'rejected' ? (result.reason as Error).message : 'resolved'))).toEqual([
      'database down',
      'database down',
      'database down',
    ]);

    const retry = flights.run('k', board.read);
    await Promise.resolve();
    expect(board.started()).toBe(2);
    board.settle(1).resolve('back');
    expect(await retry).toBe('back');
  });

  it('turns a read that throws before returning a promise into a rejection for its callers', async () => {
    const flights = new SingleFlight();
    const throwing = (): Promise<string> => {
      throw new Error('bad input');
    };
    await expect(flights.run('k', throwing)).rejects.toThrow('bad input');
  });

  it('does not let a caller after a write join a read that started before it', async () => {
    const flights = new SingleFlight();
    const board = controlledRead<string>();
    const before = flights.run('k', board.read);
    flights.noteWrite();
    const after = flights.run('k', board.read);
    const alsoAfter = flights.run('k', board.read);
    await Promise.resolve();
    expect(board.started()).toBe(2);
    board.settle(1).resolve('with the pin');
    board.settle(0).resolve('without the pin');
    expect(await before).toBe('without the pin');
    expect(await after).toBe('with the pin');
    expect(await alsoAfter).toBe('with the pin');
  });
});
