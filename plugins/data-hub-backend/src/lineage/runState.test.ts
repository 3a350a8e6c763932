import { nextRunState } from './runState';

describe('nextRunState', () => {
  const at = (state: any, t: number) => ({ state, at: t });

  it('follows events in order', () => {
    let s = nextRunState(undefined, at('START', 1));
    s = nextRunState(s, at('RUNNING', 2));
    s = nextRunState(s, at('COMPLETE', 3));
    expect(s).toEqual(at('COMPLETE', 3));
  });

  it('keeps a terminal state when a START or RUNNING arrives late', () => {
    const done = at('COMPLETE', 10);
    expect(nextRunState(done, at('START', 1))).toBe(done);
    expect(nextRunState(done, at('RUNNING', 20))).toBe(done);
  });

  it('lets the later of two terminal events win', () => {
    expect(nextRunState(at('FAIL', 5), at('COMPLETE', 9))).toEqual(
      at('COMPLETE', 9),
    );
    expect(nextRunState(at('COMPLETE', 9), at('FAIL', 5))).toEqual(
      at('COMPLETE', 9),
    );
  });

  it('ignores OTHER events, unless nothing else is known', () => {
    expect(nextRunState(at('START', 1), at('OTHER', 5))).toEqual(
      at('START', 1),
    );
    expect(nextRunState(at('OTHER', 5), at('START', 1))).toEqual(
      at('START', 1),
    );
  });
});
