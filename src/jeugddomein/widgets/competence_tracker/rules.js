// The competence tracker's rules as pure functions (no DOM): levels per moment, the T-profile and suggestions,
// the same as widget.py's; tests/golden/competence_tracker/ holds the cases both languages must pass.

export const VERTICAL = new Set(["verticaal", "beide"]);

export const HORIZONTAL = new Set(["horizontaal", "beide"]);

/** Each competence's level at a moment: the latest assessment at or before it (same rule as the Python class). */
export function levelsAt(assessments, moments, momentId) {
  const order = moments.map((m) => m.id);
  const upto = order.indexOf(momentId);
  const found = {};
  for (const a of assessments) {
    const position = order.indexOf(a.moment);
    if (position < 0 || position > upto) continue;
    if (!(a.competence in found) || position > found[a.competence][0]) found[a.competence] = [position, a.level];
  }
  return Object.fromEntries(Object.entries(found).map(([cid, [, level]]) => [cid, level]));
}

/** Depth (vertical leg) and breadth (horizontal bar): mean level of the competences in each part; null when none. */
export function tProfile(competences, levels) {
  const shape = Object.fromEntries(competences.map((c) => [c.id, c.t_shape]));
  const depth = Object.entries(levels).filter(([cid]) => VERTICAL.has(shape[cid])).map(([, lv]) => lv);
  const breadth = Object.entries(levels).filter(([cid]) => HORIZONTAL.has(shape[cid])).map(([, lv]) => lv);
  const avg = (xs) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
  return { depth: avg(depth), breadth: avg(breadth) };
}

/** The moments (in order) at which the learner assessed anything. */
export function usedMoments(assessments, moments) {
  const used = new Set(assessments.map((a) => a.moment));
  return moments.filter((m) => used.has(m.id));
}

/**
 * Suggestions: the `count` weakest competences (latest level; not assessed first) with pages that develop them,
 * pages without saved work first. A page is done when work is saved on one of its `work` pages (the page itself and,
 * for an exercise, the pages below it: the role-play page is done once a case is played); the build leaves the
 * lecturers' pages out of `pages` (competence_tracker/catalogue.py).
 */
export function suggest({ competences, pages, evidence, assessments, moments, saved, count = 2, perCompetence = 4 }) {
  const latest = moments.length ? levelsAt(assessments, moments, moments[moments.length - 1].id) : {};
  const order = competences.map((c) => c.id);
  const weakest = [...order].sort((a, b) => (latest[a] || 0) - (latest[b] || 0) || order.indexOf(a) - order.indexOf(b));
  const donePages = new Set(evidence.filter((e) => saved.has(e.id)).map((e) => e.page));
  return weakest.slice(0, count).map((cid) => {
    const items = pages
      .filter((p) => p.competences.includes(cid))
      .map((p) => ({ ...p, done: (p.work || [p.page]).some((w) => donePages.has(w)), rank: p.competences.indexOf(cid) }))
      .sort((a, b) => Number(a.done) - Number(b.done) || a.rank - b.rank);
    return { competence: cid, level: latest[cid] || 0, pages: items.slice(0, perCompetence) };
  });
}

/** Done: a profession is chosen and every competence of the framework has at least one self-assessment. */
export function done(config, state) {
  const assessed = new Set((state.assessments || []).map((a) => a.competence));
  return Boolean(state.profession) && config.framework.competences.every((c) => assessed.has(c.id));
}
