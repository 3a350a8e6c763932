/** Splits a search term into lower-case words, trimmed of quotes and punctuation. */
function termWords(term: string): string[] {
  return term
    .toLocaleLowerCase('en-US')
    .split(/\s+/)
    .map(word => word.replace(/^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu, ''))
    .filter(word => word.length >= 2);
}

/**
 * The columns a search term points at: a column matches a word of the term
 * when its name, or one of its underscore-separated parts, starts with the
 * word (`vin` matches `vin`, `seat` and `opt_seat` match `opt_seat_massage`).
 * Exact matches come first, then the others in their original order.
 * Words shorter than two characters are ignored.
 */
export function matchingColumns(term: string, columns: string[]): string[] {
  const words = termWords(term);
  if (words.length === 0) {
    return [];
  }
  const exact: string[] = [];
  const partial: string[] = [];
  for (const column of new Set(columns)) {
    const name = column.toLocaleLowerCase('en-US');
    if (words.includes(name)) {
      exact.push(column);
      continue;
    }
    const parts = name.split(/[^\p{L}\p{N}]+/u);
    if (
      words.some(
        word =>
          name.startsWith(word) || parts.some(part => part.startsWith(word)),
      )
    ) {
      partial.push(column);
    }
  }
  return [...exact, ...partial];
}
