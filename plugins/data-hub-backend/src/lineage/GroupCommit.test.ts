import { GroupCommit } from './GroupCommit';

/** A write that records its calls and finishes when the test says so. */
function controlledWrite(fails?: (items: string[]) => boolean) {
  const calls: string[][] = [];
  const pending: Array<() => void> = [];
  const write = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push(items);
      pending.push(() =>
        fails?.(items) ? reject(new Error(`cannot store ${items}`)) : resolve(),
      );
    });
  const finishAll = async () => {
    while (pending.length) {
      pending.shift()!();
      await new Promise(r => setImmediate(r));
    }
  };
  return { calls, write, finishAll };
}

describe('GroupCommit', () => {
  it('writes what arrives while a write is in flight together, in the next write', async () => {
    const { calls, write, finishAll } = controlledWrite();
    const group = new GroupCommit(write, { concurrency: 1, maxItems: 100 });
    const settled: string[] = [];
    const submit = (items: string[]) =>
      group.submit(items).then(() => settled.push(items.join()));
    const all = [
      submit(['a']),
      submit(['b']),
      submit(['c', 'd']),
      submit(['e']),
    ];
    expect(calls).toEqual([['a']]);
    expect(settled).toEqual([]);
    await finishAll();
    await Promise.all(all);
    expect(calls).toEqual([['a'], ['b', 'c', 'd', 'e']]);
    expect(settled).toEqual(['a', 'b', 'c,d', 'e']);
  });

  it('settles a submission only when the write that carried it has', async () => {
    const { write, finishAll } = controlledWrite();
    const group = new GroupCommit(write, { concurrency: 1, maxItems: 100 });
    let done = false;
    const submitted = group.submit(['a']).then(() => {
      done = true;
    });
    await new Promise(r => setImmediate(r));
    expect(done).toBe(false);
    await finishAll();
    await submitted;
    expect(done).toBe(true);
  });

  it('keeps up to `concurrency` writes in flight and never splits a submission', async () => {
    const { calls, write, finishAll } = controlledWrite();
    const group = new GroupCommit(write, { concurrency: 2, maxItems: 3 });
    const all = [
      group.submit(['a']),
      group.submit(['b']),
      group.submit(['c', 'd']),
      group.submit(['e']),
      group.submit(['f', 'g', 'h', 'i']),
      group.submit(['j']),
    ];
    expect(calls).toEqual([['a'], ['b']]);
    await finishAll();
    await Promise.all(all);
    // c,d + e fill 3; the 4-item submission goes alone; j follows.
    expect(calls).toEqual([
      ['a'],
      ['b'],
      ['c', 'd', 'e'],
      ['f', 'g', 'h', 'i'],
      ['j'],
    ]);
  });

  it('writes a failed group again submission by submission: only the one that cannot be stored fails', async () => {
    const { calls, write, finishAll } = controlledWrite(items =>
      items.includes('bad'),
    );
    const group = new GroupCommit(write, { concurrency: 1, maxItems: 100 });
    const first = group.submit(['a']);
    const results = [
      group.submit(['b']),
      group.submit(['bad']),
      group.submit(['c']),
    ].map(p =>
      p.then(
        () => 'stored',
        (e: Error) => e.message,
      ),
    );
    await finishAll();
    await first;
    expect(await Promise.all(results)).toEqual([
      'stored',
      'cannot store bad',
      'stored',
    ]);
    expect(calls).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('fails a lone submission with the write’s own error', async () => {
    const group = new GroupCommit(
      async () => {
        throw new Error('database is down');
      },
      { concurrency: 1, maxItems: 100 },
    );
    await expect(group.submit(['a'])).rejects.toThrow('database is down');
  });
});
