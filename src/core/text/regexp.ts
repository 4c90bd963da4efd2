// Regular expressions built from literal text.

/** `s` with every character that means something in a regular expression escaped. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression matching any of `words` literally. */
export function anyOf(words: readonly string[], flags?: string): RegExp {
  return new RegExp(words.map(escapeRegExp).join('|'), flags);
}
