// The reflection's rules as pure functions (no DOM); tests/golden/reflection/ holds the cases both languages must
// pass.

export function words(text) {
  return (text.trim().match(/\S+/g) || []).length;
}

/** How many words a reflection needs to count as written. */
export const MIN_WORDS = 10;

/** Done: the reflection has at least MIN_WORDS words. */
export function done(config, state) {
  return words(state.text || "") >= MIN_WORDS;
}
