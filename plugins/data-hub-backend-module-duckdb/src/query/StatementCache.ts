import { LRUCache } from 'lru-cache';

/**
 * What DuckDB made of recent statement texts (a parse tree, a checked plan's reads), for
 * statements people run again and again: *Run again*, saved queries, dashboards. Only pure
 * results are kept: the same text gives the same parse tree, and the same text in the same
 * sandbox (one set of grants and files) binds the same plan. The checks themselves run on
 * every submit, against the grants of that moment.
 * Bounded in entries (the least recently used goes first) and in the length of a text.
 */
export class StatementCache<V extends {}> {
  private readonly entries: LRUCache<string, V>;

  constructor(maxEntries = 256, private readonly maxTextLength = 16_384) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(text: string): V | undefined {
    return this.entries.get(text);
  }

  set(text: string, value: V) {
    if (text.length > this.maxTextLength) return;
    this.entries.set(text, value);
  }
}
