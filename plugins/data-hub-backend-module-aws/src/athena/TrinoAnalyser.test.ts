import { checkAthenaSql } from './athenaSql';
import { TrinoAnalyser } from './TrinoAnalyser';

/** Blocks one ANTLR prediction for seconds, with no rule entered (so no deadline check). */
const BLOCKING = `SELECT ${'('.repeat(1000)}1${')'.repeat(1000)}`;

/**
 * Fails SLL prediction near its end, which sends the parser to full LL: about 1 s for SLL
 * and 6 s for LL here.
 */
const SLOW_SYNTAX_ERROR = `SELECT ${Array.from(
  { length: 1500 },
  (_, i) => `coalesce(nullif(trim(lower(c${i})), ''), 'x') AS d${i}`,
).join(', ')}, FROM x.y`;

describe('TrinoAnalyser', () => {
  const analysers: TrinoAnalyser[] = [];
  function analyser(...args: ConstructorParameters<typeof TrinoAnalyser>) {
    const created = new TrinoAnalyser(...args);
    analysers.push(created);
    return created;
  }
  afterEach(async () => {
    await Promise.all(analysers.splice(0).map(a => a.close()));
  });

  it('stops a slow full-LL pass itself, and tells what the fast pass objected to', async () => {
    const trino = analyser({ budgetMs: 3000 });
    await trino.analyse('SELECT 1'); // started and warmed up
    const started = Date.now();
    await expect(checkAthenaSql(SLOW_SYNTAX_ERROR, [], trino)).rejects.toThrow(
      /^The query is too complex to analyse within 3 s: simplify it \(fewer nested brackets or subqueries\) or split it into smaller queries\. The parser's first objection was at line 1:\d+: /,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers the statements waiting behind one that blocks, and turns away more than may wait', async () => {
    const trino = analyser({ budgetMs: 1000, maxWaiting: 2 });
    await trino.analyse('SELECT 1');
    const blocked = trino.analyse(BLOCKING);
    const waiting = [
      trino.analyse('SELECT * FROM a.b'),
      trino.analyse('DROP TABLE a.b'),
    ];
    await expect(trino.analyse('SELECT 2')).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        '2 queries are waiting for their SQL check: try again in a few seconds',
    });
    await expect(blocked).resolves.toEqual({ kind: 'timedOut' });
    await expect(Promise.all(waiting)).resolves.toEqual([
      {
        kind: 'query',
        text: 'SELECT * FROM a.b',
        tables: [{ database: 'a', table: 'b' }],
      },
      {
        kind: 'refused',
        message: expect.stringMatching(/^DROP statements are refused\./),
      },
    ]);
  });

  it('fails what waits when it is closed, and starts again when asked', async () => {
    const trino = analyser();
    const first = trino.analyse('SELECT 1');
    await trino.close();
    await expect(first).rejects.toThrow('The SQL checker was stopped');
    await expect(trino.analyse('VALUES 1')).resolves.toMatchObject({
      kind: 'query',
      text: 'VALUES 1',
    });
  });
});
