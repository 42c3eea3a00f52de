// The pure SCORM rules of the launch page (static/jeugddomein/scorm.js): objectives from the Bronstein scan and the
// rubric self-grade, their exact data-model pairs in SCORM 1.2 and 2004, the score from knowledge checks or a rubric.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const load = (...parts) => import(pathToFileURL(join(ROOT, "src", "jeugddomein", ...parts)).href);
const { STANDARDS, objectives, progress, scaledOf, scorePairs, slot } = await load("static", "jeugddomein", "scorm.js");
const bronstein = await load("widgets", "bronstein_scan", "rules.js");
const rubricRules = await load("widgets", "rubric", "rules.js");

/** The widget modules as lms.js loads them (the bundles export these rules). */
const MODULES = {
  "bronstein-scan": { score: bronstein.score },
  rubric: { grade: rubricRules.grade, cleanScores: rubricRules.cleanScores },
};

const block = (id, name, items) => ({ id, name, short: name, items: items.map((item) => ({ id: item, reverse: false })) });
/** A small instrument: scale 1-5, two components of two statements (the real one has five), one factor. */
const INSTRUMENT = {
  scale: [1, 2, 3, 4, 5].map((value) => ({ value, label: `p${value}` })),
  min_share: 1,
  levels: { low_below: 2.5, high_from: 3.5 },
  components: [block("afhankelijkheid", "Onderlinge afhankelijkheid", ["af1", "af2"]), block("reflectie", "Reflectie op het proces", ["re1", "re2"])],
  factors: [block("rol", "Professionele rol", ["ro1", "ro2"])],
};
const RUBRIC = {
  id: "eind",
  title: "Eindproduct {casus}",
  levels: [
    { id: "o", label: "Onvoldoende", value: 4 },
    { id: "v", label: "Voldoende", value: 6 },
    { id: "g", label: "Goed", value: 8 },
  ],
  criteria: [
    { id: "a", title: "Analyse", weight: 50 },
    { id: "b", title: "Onderbouwing", weight: 50, knockout: true, standard: "v" },
  ],
};
const PLACEMENTS = new Map([
  ["scan-1", { widget: "bronstein-scan", config: { instrument: INSTRUMENT } }],
  ["rub-1", { widget: "rubric", config: { definition: RUBRIC, knockout_cap: 5 } }],
  ["kc-1", { widget: "knowledge-check", config: {} }],
]);
const scan = (date, answers) => ({ label: date, date, perspective: "student", answers });
const records = (scans, zelf) =>
  new Map([
    ["scan-1", { state: { scans } }],
    ["rub-1", { state: { zelf: { scores: zelf } } }],
    ["kc-1", { state: { checked: true, correct: true, attempts: 1 } }],
  ]);

test("objectives: each component of the newest scan on the scale, and the rubric's self-grade on its scale", () => {
  const older = scan("2026-09-01", { af1: 1, af2: 1, re1: 1, re2: 1 });
  const newer = scan("2026-10-01", { af1: 4, af2: 3, re1: 5, re2: 0 }); // re2 'weet ik niet': too few for a score
  assert.deepEqual(objectives(PLACEMENTS, records([older, newer], { a: "g", b: "v" }), MODULES), [
    {
      id: "bronstein-scan-1-afhankelijkheid",
      description: "Bronstein-zelfscan, Onderlinge afhankelijkheid: gemiddelde 1-5 in de scan van 2026-10-01",
      raw: 3.5,
      min: 1,
      max: 5,
    },
    {
      id: "bronstein-scan-1-reflectie",
      description: "Bronstein-zelfscan, Reflectie op het proces: niet genoeg antwoorden voor een score in de scan van 2026-10-01",
      raw: null,
      min: 1,
      max: 5,
    },
    // from the lowest level (4; the knock-out cap of 5 is higher) to the highest (8); a: 8 and b: 6 at 50% each
    { id: "rubric-rub-1", description: "Zelfbeoordeling met de rubric 'Eindproduct {casus}': cijfer", raw: 7, min: 4, max: 8 },
  ]);
});

test("objectives: nothing for a scan never saved or a rubric with a criterion unscored; the knock-out cap can be the minimum", () => {
  assert.deepEqual(objectives(PLACEMENTS, records([], { a: "g" }), MODULES), []);
  const capped = { ...RUBRIC, levels: RUBRIC.levels.map((l) => ({ ...l, value: l.value + 2 })) }; // 6, 8, 10; cap 5
  const placements = new Map([["rub-1", { widget: "rubric", config: { definition: capped, knockout_cap: 5 } }]]);
  const [knockedOut] = objectives(placements, new Map([["rub-1", { state: { zelf: { scores: { a: "g", b: "o" } } } }]]), MODULES);
  assert.deepEqual([knockedOut.raw, knockedOut.min, knockedOut.max], [5, 5, 10]);
  // A module that did not load gives no objective (rather than an error).
  assert.deepEqual(objectives(PLACEMENTS, records([scan("2026-10-01", { af1: 2, af2: 2 })], {}), {}), []);
});

const COMPONENT = { id: "bronstein-scan-1-afhankelijkheid", description: "Onderlinge afhankelijkheid", raw: 3.67, min: 1, max: 5 };

test("SCORM 1.2: an objective's id first, score on its scale, status completed; no score is a blank raw", () => {
  assert.deepEqual(STANDARDS["1.2"].objective(2, COMPONENT), [
    ["cmi.objectives.2.id", "bronstein-scan-1-afhankelijkheid"],
    ["cmi.objectives.2.score.min", "1"],
    ["cmi.objectives.2.score.max", "5"],
    ["cmi.objectives.2.score.raw", "3.67"],
    ["cmi.objectives.2.status", "completed"],
  ]);
  assert.deepEqual(STANDARDS["1.2"].objective(0, { ...COMPONENT, raw: null })[3], ["cmi.objectives.0.score.raw", ""]);
});

test("SCORM 2004: an objective's id first, a Dutch description, score with scaled, completed and success unknown", () => {
  assert.deepEqual(STANDARDS["2004"].objective(2, COMPONENT), [
    ["cmi.objectives.2.id", "bronstein-scan-1-afhankelijkheid"],
    ["cmi.objectives.2.description", "{lang=nl}Onderlinge afhankelijkheid"],
    ["cmi.objectives.2.score.min", "1"],
    ["cmi.objectives.2.score.max", "5"],
    ["cmi.objectives.2.score.raw", "3.67"],
    ["cmi.objectives.2.score.scaled", "0.6675"],
    ["cmi.objectives.2.completion_status", "completed"],
    ["cmi.objectives.2.success_status", "unknown"],
  ]);
  const none = STANDARDS["2004"].objective(0, { ...COMPONENT, raw: null, description: "Eindproduct {casus}" });
  assert.deepEqual(
    none.map(([key]) => key),
    ["id", "description", "score.min", "score.max", "completion_status", "success_status"].map((k) => `cmi.objectives.0.${k}`),
  ); // SCORM 2004 cannot blank a score: without one, no raw and no scaled
  assert.equal(none[1][1], "{lang=nl}Eindproduct (casus)"); // a brace would read as the start of a delimiter
  assert.equal(STANDARDS["2004"].objective(0, { ...COMPONENT, description: "x".repeat(300) })[1][1].length, "{lang=nl}".length + 250);
});

test("scaled: (raw - min) / (max - min), four decimals at most", () => {
  assert.equal(scaledOf({ raw: 7.5, min: 1, max: 10 }), "0.7222");
  assert.equal(scaledOf({ raw: 100, min: 0, max: 100 }), "1");
  assert.equal(scaledOf({ raw: 3, min: 3, max: 3 }), "0");
});

test("slot: an objective the LMS has keeps its index; a new one gets the next", () => {
  const indexes = new Map([["rubric-rub-1", 0], ["bronstein-scan-1-reflectie", 1]]);
  assert.equal(slot(indexes, "bronstein-scan-1-reflectie"), 1);
  assert.equal(slot(indexes, "bronstein-scan-1-afhankelijkheid"), 2);
  assert.equal(slot(indexes, "bronstein-scan-1-afhankelijkheid"), 2);
  assert.equal(indexes.size, 3);
});

test("score pairs: the knowledge-check score only rises; a rubric's grade follows the learner, in both standards", () => {
  const checks = { raw: 80, min: 0, max: 100, highest: true };
  assert.deepEqual(scorePairs(STANDARDS["1.2"], checks, ""), [
    ["cmi.core.score.min", "0"],
    ["cmi.core.score.max", "100"],
    ["cmi.core.score.raw", "80"],
  ]);
  assert.deepEqual(scorePairs(STANDARDS["1.2"], checks, "90"), []);
  assert.deepEqual(scorePairs(STANDARDS["1.2"], checks, "80"), []);
  const grade = { raw: 6.5, min: 4, max: 8, highest: false };
  assert.deepEqual(scorePairs(STANDARDS["2004"], grade, "7"), [
    ["cmi.score.min", "4"],
    ["cmi.score.max", "8"],
    ["cmi.score.raw", "6.5"],
    ["cmi.score.scaled", "0.625"],
  ]);
  assert.deepEqual(scorePairs(STANDARDS["2004"], grade, "6.5"), []);
  assert.deepEqual(scorePairs(STANDARDS["2004"], null, ""), []);
});

test("progress: the score from the knowledge checks by default, from the rubric's self-grade when the rules say so", () => {
  const index = { pages: [{ widgets: [...PLACEMENTS].map(([id, w]) => ({ id, ...w })) }] };
  const done = records([], { a: "g", b: "g" });
  const rules = { required: [], scored: ["kc-1"], score_rubric: null };
  assert.deepEqual(progress(index, rules, done, MODULES).score, { raw: 100, min: 0, max: 100, highest: true });
  const fromRubric = { required: [], scored: [], score_rubric: "rub-1" };
  assert.deepEqual(progress(index, fromRubric, done, MODULES).score, { raw: 8, min: 4, max: 8, highest: false });
  assert.equal(progress(index, fromRubric, records([], { a: "g" }), MODULES).score, null); // not every criterion yet
});

test("interactions in SCORM 2004 carry the question as a Dutch description", () => {
  const answer = { id: "kc-1", question: "Welke wet {regelt} de jeugdhulp?", pattern: ["a"], response: ["b"], correct: false, when: new Date("2026-11-01T10:00:00Z") };
  const pairs = Object.fromEntries(STANDARDS["2004"].interaction(0, answer));
  assert.equal(pairs["cmi.interactions.0.description"], "{lang=nl}Welke wet (regelt) de jeugdhulp?");
  assert.equal(pairs["cmi.interactions.0.result"], "incorrect");
});
