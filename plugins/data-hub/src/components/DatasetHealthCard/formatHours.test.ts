import { formatHours } from './formatHours';

describe('formatHours', () => {
  it('says minutes under an hour, hours up to two days, then days', () => {
    expect(formatHours(0)).toBe('0 min');
    expect(formatHours(0.75)).toBe('45 min');
    expect(formatHours(1)).toBe('1 h');
    expect(formatHours(6.4)).toBe('6 h');
    expect(formatHours(24)).toBe('24 h');
    expect(formatHours(47.4)).toBe('47 h');
    expect(formatHours(48)).toBe('2 days');
    expect(formatHours(24 * 9.6)).toBe('10 days');
  });

  it('does not invent a duration for nonsense', () => {
    expect(formatHours(-1)).toBe('unknown');
    expect(formatHours(Number.NaN)).toBe('unknown');
  });
});
