// The knowledge check's rules as pure functions (no DOM); tests/golden/knowledge_check/ holds the cases both
// languages must pass.

export function isRight(options, selected) {
  const chosen = new Set(selected);
  return options.every((option, i) => option.correct === chosen.has(i));
}

/** Done: the learner checked the answer and it was right (the same in the portfolio, SCORM and the cohort tool). */
export function done(config, state) {
  return Boolean(state.checked && state.correct);
}
