// Fuzzy matching for the command palette: every query character must appear in order in the text.
// Matches at word starts and in runs score higher, so "zf" finds "Zoom to fit" before "Redo (…f…)".

export interface FuzzyMatch {
  score: number;
  /** Indexes of the matched characters in the text (for highlighting). */
  positions: number[];
}

const isWordStart = (text: string, index: number) =>
  index === 0 ||
  /[\s./_\-:(]/.test(text[index - 1]) ||
  (/[a-z]/.test(text[index - 1]) && /[A-Z]/.test(text[index]));

/** Scores `text` against `query` (case-insensitive); null when the query is not a subsequence. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const needle = query.replace(/\s+/g, '').toLowerCase();
  if (needle.length === 0) return { score: 0, positions: [] };
  const haystack = text.toLowerCase();
  // Greedy from the left, but prefer a word start for each character when one exists ahead of the
  // next plain occurrence; good enough for short command labels and far simpler than full DP.
  const positions: number[] = [];
  let from = 0;
  for (const char of needle) {
    let found = -1;
    for (let i = from; i < haystack.length; i++) {
      if (haystack[i] !== char) continue;
      if (found === -1) found = i;
      if (isWordStart(text, i)) {
        // Only jump to a later word start if the remaining query can still match after it.
        if (i === found || canMatchRest(needle, positions.length + 1, haystack, i + 1)) found = i;
        break;
      }
    }
    if (found === -1) return null;
    positions.push(found);
    from = found + 1;
  }
  let score = 0;
  positions.forEach((position, index) => {
    score += 1;
    if (isWordStart(text, position)) score += 8;
    if (index > 0 && positions[index - 1] === position - 1) score += 5;
  });
  if (positions[0] === 0) score += 6;
  // Shorter texts with the same matches are the closer hit.
  score -= text.length * 0.05;
  return { score, positions };
}

function canMatchRest(needle: string, fromNeedle: number, haystack: string, fromHaystack: number): boolean {
  let h = fromHaystack;
  for (let n = fromNeedle; n < needle.length; n++) {
    h = haystack.indexOf(needle[n], h);
    if (h === -1) return false;
    h++;
  }
  return true;
}

/** Items matching the query, best first; ties keep their original order. */
export function fuzzyFilter<T>(query: string, items: T[], textOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, match: fuzzyMatch(query, textOf(item)) }))
    .filter((entry) => entry.match !== null)
    .sort((a, b) => b.match!.score - a.match!.score || a.index - b.index)
    .map((entry) => entry.item);
}
