// The self-scan's rules as pure functions (no DOM): scoring, levels and comparison, the same as model.py's
// score, level and compare; tests/golden/bronstein_scan/ holds the cases both languages must pass.

export const UNKNOWN = 0;

/** Round half up to two decimals (Python: math.floor(x * 100 + 0.5) / 100). */
export function round2(value) {
  return Math.floor(value * 100 + 0.5) / 100;
}

/** "laag", "midden" or "hoog" for a score; null without a score. */
export function level(instrument, value) {
  if (value === null || value === undefined) return null;
  if (value < instrument.levels.low_below) return "laag";
  return value >= instrument.levels.high_from ? "hoog" : "midden";
}

/** Components, then factors, each with its kind. */
export function blocksOf(instrument) {
  return [
    ...instrument.components.map((block) => ({ kind: "component", block })),
    ...instrument.factors.map((block) => ({ kind: "factor", block })),
  ];
}

/** Every statement in order, with the index of its block. */
export function itemsOf(instrument) {
  const out = [];
  blocksOf(instrument).forEach(({ block }, b) => block.items.forEach((item) => out.push({ item, block, b })));
  return out;
}

/**
 * Score answers on every component and factor: reverse-keyed statements turned round, "weet ik niet" (0) and
 * unanswered statements left out; fewer counted answers than `min_share` of a scale gives no score.
 */
export function score(instrument, answers) {
  const values = instrument.scale.map((point) => point.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const scales = [];
  const totals = { answered: 0, unknown: 0, total: 0 };
  for (const { kind, block } of blocksOf(instrument)) {
    const counted = [];
    let unknown = 0;
    let missing = 0;
    for (const item of block.items) {
      const raw = answers ? answers[item.id] : undefined;
      if (raw === undefined || raw === null) missing += 1;
      else if (raw === UNKNOWN) unknown += 1;
      else if (Number.isInteger(raw) && raw >= low && raw <= high) counted.push(item.reverse ? low + high - raw : raw);
      else missing += 1;
    }
    let total = 0;
    for (const value of counted) total += value;
    const needed = Math.max(1, Math.ceil(instrument.min_share * block.items.length));
    const enough = counted.length >= needed;
    const mean = enough ? total / counted.length : null;
    const rounded = mean === null ? null : round2(mean);
    scales.push({
      id: block.id,
      kind,
      name: block.name,
      short: block.short,
      mean,
      score: rounded,
      n: counted.length,
      unknown,
      missing,
      items: block.items.length,
      needed,
      enough,
      level: level(instrument, rounded),
    });
    totals.answered += counted.length;
    totals.unknown += unknown;
    totals.total += block.items.length;
  }
  return { scales, ...totals };
}

/** Change per component and factor from the first to the second set of answers (null where one has no score). */
export function compare(instrument, first, second) {
  const a = score(instrument, first).scales;
  const b = score(instrument, second).scales;
  return a.map((x, i) => ({
    id: x.id,
    kind: x.kind,
    name: x.name,
    first: x.score,
    second: b[i].score,
    change: x.score !== null && b[i].score !== null ? round2(b[i].score - x.score) : null,
  }));
}

/** A number the Dutch way: 3.5 -> "3,50". */
export function formatScore(value) {
  return value === null || value === undefined ? "–" : value.toFixed(2).replace(".", ",");
}

/** A change with its direction in words and a symbol (never colour alone). */
export function formatChange(change) {
  if (change === null || change === undefined) return "niet te berekenen";
  if (change > 0) return `▲ +${formatScore(change)} (hoger)`;
  if (change < 0) return `▼ −${formatScore(-change)} (lager)`;
  return "= 0,00 (gelijk)";
}

/** Done: at least one completed scan is saved. */
export function done(config, state) {
  return (state.scans || []).length > 0;
}
