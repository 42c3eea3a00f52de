// The rubric's rules as pure functions (no DOM): grade on the Dutch 1-10 scale with the pass mark and knock-outs,
// the same as grading.py; tests/golden/rubric/ holds the cases both languages must pass.

export const PASS_MARK = 5.5;

export const KNOCKOUT_CAP = 5.0;

export const EXPORT_FORMAT = "jeugddomein-rubric";

/** Round a raw grade (1-10) to one decimal, half up: 5.45 -> 5.5. Same expression as grading.round_grade. */
export function roundGrade(raw) {
  if (typeof raw !== "number" || Number.isNaN(raw) || raw < 1 || raw > 10) {
    throw new RangeError(`Een cijfer ligt tussen 1 en 10; ${raw} kan niet.`);
  }
  return Math.floor(raw * 10 + 0.5 + 1e-9) / 10;
}

/** A grade as Dutch text: 5.5 -> "5,5". */
export function formatGrade(value) {
  return value.toFixed(1).replace(".", ",");
}

/**
 * The grade of a filled-in rubric. Returns {ok: true, grade, weighted, passed, knockouts} or, when a criterion has
 * no level yet, {ok: false, error, missing}. Weighted sum in whole tenths, rounded half up to one decimal.
 */
export function grade(rubric, scores) {
  const levelIndex = new Map(rubric.levels.map((level, i) => [level.id, i]));
  const known = new Set(rubric.criteria.map((c) => c.id));
  const unknown = Object.keys(scores || {}).filter((id) => !known.has(id)).sort();
  if (unknown.length) throw new Error(`Onbekend criterium in de scores: ${unknown.join(", ")}.`);
  const missing = rubric.criteria.filter((c) => !scores?.[c.id]);
  if (missing.length) {
    return {
      ok: false,
      error:
        `Nog geen niveau gekozen bij ${missing.length} van de criteria: ${missing.map((c) => `'${c.title}'`).join(", ")}. ` +
        "Kies bij elk criterium een niveau; pas dan kan er een cijfer worden berekend.",
      missing: missing.map((c) => c.id),
    };
  }
  let total = 0;
  const knockouts = [];
  for (const criterion of rubric.criteria) {
    const levelId = scores[criterion.id];
    if (!levelIndex.has(levelId)) throw new Error(`Onbekend niveau '${levelId}' bij criterium '${criterion.id}'.`);
    const level = rubric.levels[levelIndex.get(levelId)];
    if (criterion.knockout && criterion.standard && levelIndex.get(levelId) < levelIndex.get(criterion.standard)) {
      knockouts.push(criterion.id);
    }
    total += criterion.weight * Math.round(level.value * 10);
  }
  const weighted = Math.floor((total + 50) / 100) / 10;
  const final = knockouts.length ? Math.min(weighted, KNOCKOUT_CAP) : weighted;
  return { ok: true, grade: final, weighted, passed: final >= PASS_MARK && knockouts.length === 0, knockouts };
}

/** What the export button writes: one scoring, its grade and feedback (the same shape as RubricWidget.export). */
export function exportRecord(rubric, state, mode, now = new Date()) {
  const stored = { scores: {}, feedback: {}, general: "", ...(state[mode] || {}) };
  const scoring = { ...stored, scores: cleanScores(rubric, stored.scores) };
  return {
    format: EXPORT_FORMAT,
    rubric: rubric.id,
    title: rubric.title,
    mode,
    student: state.student || "",
    assessor: mode === "docent" ? state.assessor || "" : "",
    exported_at: now.toISOString(),
    scores: scoring.scores,
    feedback: scoring.feedback,
    general: scoring.general,
    result: grade(rubric, scoring.scores),
  };
}

/** Only scores of criteria and levels the rubric still has (a lecturer may have edited the rubric file). */
export function cleanScores(rubric, scores) {
  const levels = new Set(rubric.levels.map((l) => l.id));
  const out = {};
  for (const criterion of rubric.criteria) {
    const level = scores?.[criterion.id];
    if (level && levels.has(level)) out[criterion.id] = level;
  }
  return out;
}

/** Done: the self-assessment scores every criterion with a level of the rubric (so it has a grade). */
export function done(config, state) {
  const rubric = config.definition;
  return grade(rubric, cleanScores(rubric, state.zelf?.scores)).ok;
}
