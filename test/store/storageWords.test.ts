import { describe, expect, it } from 'vitest';
import { humanBytes, parseBytes, usedAgo } from '../../src/store/storage';

describe('The Storage view’s sizes', () => {
  it('are told in the largest unit they have one of', () => {
    expect(humanBytes(0)).toBe('0 bytes');
    expect(humanBytes(1)).toBe('1 byte');
    expect(humanBytes(1023)).toBe('1023 bytes');
    expect(humanBytes(1536)).toBe('1.5 KB');
    expect(humanBytes(587 * 1024 + 100)).toBe('587 KB');
    expect(humanBytes(1024 ** 3)).toBe('1 GB');
  });

  it('are read as a person types them (a bare number is megabytes), and anything else is not a size', () => {
    expect(parseBytes('500 MB')).toBe(500 * 1024 ** 2);
    expect(parseBytes('2gb')).toBe(2 * 1024 ** 3);
    expect(parseBytes('1,5 KB')).toBe(1536);
    expect(parseBytes('64k')).toBe(65_536);
    expect(parseBytes('4096 bytes')).toBe(4096);
    expect(parseBytes('3')).toBe(3 * 1024 ** 2);
    expect(parseBytes('lots')).toBeNull();
    expect(parseBytes('-1 MB')).toBeNull();
  });

  it('say when a step was last used', () => {
    const now = Date.UTC(2026, 0, 10, 12);
    expect(usedAgo(null, now)).toBe('not recorded');
    expect(usedAgo(now - 5_000, now)).toBe('just now');
    expect(usedAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(usedAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
  });
});
