import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead';

/** A source of `count` items that logs when each is asked for, produced and when it is closed. */
function source(count: number, log: string[]) {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let i = 0; i < count; i++) {
          log.push(`decode ${i}`);
          await new Promise((resolve) => setTimeout(resolve, 1));
          yield i;
        }
      } finally {
        log.push('closed');
      }
    },
  };
}

describe('readAhead', () => {
  it('produces the next item while the caller works on this one, in order, to the end', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const item of readAhead(source(3, log))) {
      log.push(`work ${item}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(item);
    }
    expect(seen).toEqual([0, 1, 2]);
    // Item 1 is being decoded before the work on item 0 starts.
    expect(log.indexOf('decode 1')).toBeLessThan(log.indexOf('work 0'));
    expect(log.indexOf('decode 2')).toBeLessThan(log.indexOf('work 1'));
    // (The source ends while the caller still works on the last item.)
    expect(log.filter((entry) => entry === 'closed')).toHaveLength(1);
  });

  it('stopping early closes the source once the read under way is done', async () => {
    const log: string[] = [];
    for await (const item of readAhead(source(10, log))) {
      if (item === 1) break;
    }
    expect(log.filter((entry) => entry.startsWith('decode'))).toEqual(['decode 0', 'decode 1', 'decode 2']);
    expect(log.at(-1)).toBe('closed');
  });

  it('an empty source ends at once', async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const item of readAhead(source(0, log))) seen.push(item);
    expect(seen).toEqual([]);
    expect(log).toEqual(['closed']);
  });
});
