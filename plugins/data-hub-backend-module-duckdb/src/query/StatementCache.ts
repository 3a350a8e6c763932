/**
 * What DuckDB made of recent statement texts (a parse tree, a checked plan's reads), for
 * statements people run again and again: *Run again*, saved queries, dashboards. Only pure
 * results are kept: the same text gives the same parse tree, and the same text in the same
 * sandbox (one set of grants and files) binds the same plan. The checks themselves run on
 * every submit, against the grants of that moment.
 * Bounded in entries and in the length of a text; the oldest entry goes first.
 */
export class StatementCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(
    private readonly maxEntries = 256,
    private readonly maxTextLength = 16_384,
  ) {}

  get(text: string): V | undefined {
    const value = this.entries.get(text);
    if (value !== undefined) {
      // Used again: now the newest.
      this.entries.delete(text);
      this.entries.set(text, value);
    }
    return value;
  }

  set(text: string, value: V) {
    if (text.length > this.maxTextLength) return;
    this.entries.delete(text);
    this.entries.set(text, value);
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
  }
}
