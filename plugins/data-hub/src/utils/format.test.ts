import { formatBytes, formatCount, formatRelativeTime } from './format';

describe('format', () => {
  it('formats counts with separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });

  it('formats byte sizes with binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
    expect(formatBytes(250 * 1024 ** 4)).toBe('250 TiB');
    expect(formatBytes(-1)).toBe('unknown');
  });

  it('formats relative times', () => {
    const now = new Date('2024-05-10T12:00:00Z');
    expect(formatRelativeTime(new Date('2024-05-10T11:59:30Z'), now)).toBe(
      '30 seconds ago',
    );
    expect(formatRelativeTime(new Date('2024-05-10T11:15:00Z'), now)).toBe(
      '45 minutes ago',
    );
    expect(formatRelativeTime(new Date('2024-05-10T09:00:00Z'), now)).toBe(
      '3 hours ago',
    );
    expect(formatRelativeTime(new Date('2024-05-07T12:00:00Z'), now)).toBe(
      '3 days ago',
    );
  });
});
