import { addDays, formatDate, formatDateTime, fromNow } from './dates';

describe('dates', () => {
  it('formats days and instants in UTC', () => {
    expect(formatDate('2025-02-08T23:30:00Z')).toBe('Feb 8, 2025');
    expect(formatDateTime('2025-02-08T14:05:00Z')).toBe(
      'Feb 8, 2025, 14:05 UTC',
    );
  });

  it('says how far an instant is from now', () => {
    const now = new Date('2025-01-01T00:00:00Z');
    expect(fromNow('2025-03-02T00:00:00Z', now)).toBe('in 60 days');
    expect(fromNow('2024-12-31T23:57:00Z', now)).toBe('3 minutes ago');
  });

  it('adds whole days', () => {
    expect(addDays(new Date('2025-01-01T00:00:00Z'), 30).toISOString()).toBe(
      '2025-01-31T00:00:00.000Z',
    );
  });
});
