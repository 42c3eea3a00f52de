// The suspend_data rules (static/jeugddomein/suspend.js): budget, priority, trimming, merge and the encoding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { BUDGETS, PREFIX, decode, encode, entriesOf, fit, ordered, planMerge } = await import(
  pathToFileURL(join(ROOT, "src", "jeugddomein", "static", "jeugddomein", "suspend.js")).href
);

const plain = async (payload) => JSON.stringify(payload);
const entry = (id, widget, updated, state = { text: id }) => ({ id, widget, updated, state });

/**
 * Text that deflate cannot shrink: random characters of 3 bytes in UTF-8 (CJK ideographs), the worst case per
 * character a learner can type (a fixed seed, the same every run).
 */
function incompressible(length, seed = 7) {
  let x = seed >>> 0 || 1;
  let out = "";
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0; // xorshift32
    out += String.fromCharCode(0x4e00 + (x % 0x5000));
  }
  return out;
}

/** A rich picture of `n` elements: actors with labels, relations between them, a few bubbles. */
function picture(n, seed) {
  const elements = [];
  for (let i = 0; i < n; i += 1) {
    if (i % 3 === 2) elements.push({ id: `r${i}`, type: "relation", from: `a${i - 2}`, to: `a${i - 1}`, label: `werkt samen met ${seed}-${i}` });
    else elements.push({ id: `a${i}`, type: "actor", pictogram: "leraar", x: (i * 37) % 900, y: (i * 53) % 600, label: `Actor ${seed}-${i}` });
  }
  return { version: 2, title: `Rich picture ${seed}`, elements };
}

/** The worst case of the issue: 60 entries of every kind and 3 rich pictures of 100 elements each. */
function fullPortfolio() {
  const kinds = ["reflection", "bronstein-scan", "rubric", "competence-tracker", "knowledge-check", "worksheet", "role-play"];
  const out = [];
  for (let i = 0; i < 60; i += 1) {
    const widget = kinds[i % kinds.length];
    const day = String(1 + (i % 28)).padStart(2, "0");
    out.push(entry(`w-${i}`, widget, `2026-10-${day}T10:00:00.000Z`, { text: `Mijn antwoord ${i}: ${incompressible(200, i)}` }));
  }
  for (let i = 0; i < 3; i += 1) out.push(entry(`rp-${i}`, "rich-picture", `2026-11-0${i + 1}T10:00:00.000Z`, picture(100, i)));
  return out;
}

test("order: most valuable kind first, then newest, then id", () => {
  const list = [
    entry("p", "rich-picture", "2026-01-03T00:00:00Z"),
    entry("k", "knowledge-check", "2026-01-02T00:00:00Z"),
    entry("r-old", "reflection", "2026-01-01T00:00:00Z"),
    entry("r-new", "reflection", "2026-01-02T00:00:00Z"),
    entry("s", "bronstein-scan", "2026-01-02T00:00:00Z"),
    entry("x", "onbekend", "2026-01-09T00:00:00Z"),
  ];
  assert.deepEqual(ordered(list).map((e) => e.id), ["r-new", "s", "r-old", "k", "p", "x"]);
});

test("everything fits: one encoding, nothing left out", async () => {
  const list = [entry("a", "reflection", "2026-01-01T00:00:00Z"), entry("b", "rich-picture", "2026-01-01T00:00:00Z")];
  const result = await fit(list, plain, 10_000);
  assert.deepEqual(result.left, []);
  assert.deepEqual(JSON.parse(result.text).e.map((row) => row[0]), ["a", "b"]);
});

test("the exact boundary: a payload of exactly the budget is kept whole, one character less trims it", async () => {
  const list = [entry("a", "reflection", "2026-01-01T00:00:00Z"), entry("b", "rich-picture", "2026-01-01T00:00:00Z")];
  const whole = (await plain({ v: 1, e: list.map((e) => [e.id, e.updated, e.state]), o: [] })).length;
  const exact = await fit(list, plain, whole);
  assert.equal(exact.text.length, whole);
  assert.deepEqual(exact.left, []);
  const under = await fit(list, plain, whole - 1);
  assert.ok(under.text.length <= whole - 1);
  assert.deepEqual(under.kept, ["a"]);
  assert.deepEqual(under.left, ["b"]);
});

test("a large entry that does not fit is skipped; smaller, less valuable ones after it still go in", async () => {
  const list = [
    entry("small-reflection", "reflection", "2026-01-02T00:00:00Z"),
    entry("huge-reflection", "reflection", "2026-01-01T00:00:00Z", { text: "x".repeat(5000) }),
    entry("check", "knowledge-check", "2026-01-01T00:00:00Z"),
  ];
  const result = await fit(list, plain, 400);
  assert.deepEqual(result.kept, ["small-reflection", "check"]);
  assert.deepEqual(result.left, ["huge-reflection"]);
  assert.deepEqual(JSON.parse(result.text).o, ["huge-reflection"]);
});

test("when even the list of left-out ids does not fit, only their count travels", async () => {
  const list = Array.from({ length: 50 }, (_, i) => entry(`oefening-met-een-lange-naam-${i}`, "reflection", "2026-01-01T00:00:00Z", { text: "y".repeat(100) }));
  const result = await fit(list, plain, 300);
  assert.ok(result.text.length <= 300);
  assert.equal(result.left.length + result.kept.length, 50);
  assert.equal(JSON.parse(result.text).o, result.left.length);
});

test("the encoding round-trips and starts with the prefix; foreign or damaged data is refused in Dutch", async () => {
  const data = { v: 1, e: [["a", "2026-01-01T00:00:00Z", { text: "Één reflectie — met “tekens”." }]], o: [] };
  const text = await encode(data);
  assert.ok(text.startsWith(PREFIX));
  assert.match(text.slice(PREFIX.length), /^[A-Za-z0-9+/]+=*$/);
  assert.deepEqual(await decode(text), data);
  await assert.rejects(decode("viewed=1,2,3"), /niet van deze cursus/);
  await assert.rejects(decode(`${PREFIX}bm90IGRlZmxhdGU=`), /beschadigd/);
  await assert.rejects(decode(await encode({ v: 9 })), /onbekende versie/);
});

test("incompressible text: the encoding grows by base64's third, and fit never exceeds either budget", async () => {
  const noise = incompressible(10_000);
  const alone = await encode({ v: 1, e: [["r", "2026-01-01T00:00:00Z", { text: noise }]], o: [] });
  // 10,000 characters of 3 bytes each, about 14.3 bits of information per character: at least 2.3 characters out.
  assert.ok(alone.length > 23_000, `deflate should not shrink noise: ${alone.length}`);
  const list = [
    entry("noise", "reflection", "2026-01-02T00:00:00Z", { text: noise }),
    entry("short", "reflection", "2026-01-01T00:00:00Z", { text: "Kort en waardevol." }),
  ];
  for (const [standard, budget] of Object.entries(BUDGETS)) {
    const result = await fit(list, encode, budget);
    assert.ok(result.text.length <= budget, `${standard}: ${result.text.length} > ${budget}`);
    if (standard === "1.2") assert.deepEqual(result.left, ["noise"]);
    else assert.deepEqual(result.left, []);
  }
  // Noise of exactly as many characters as the 2004 budget can never fit: the rest still does.
  const big = await fit([entry("n", "reflection", "2026-01-02T00:00:00Z", { text: incompressible(BUDGETS[2004]) }), ...list.slice(1)], encode, BUDGETS[2004]);
  assert.deepEqual(big.left, ["n"]);
  assert.deepEqual(big.kept, ["short"]);
});

test("a full portfolio (60 entries, 3 rich pictures of 100 elements) within both budgets, most valuable first", async () => {
  const list = fullPortfolio();
  const core = new Set(list.filter((e) => ["reflection", "bronstein-scan", "rubric", "competence-tracker"].includes(e.widget)).map((e) => e.id));
  for (const [standard, budget] of Object.entries(BUDGETS)) {
    const result = await fit(list, encode, budget);
    assert.ok(result.text.length <= budget, `${standard}: ${result.text.length} > ${budget}`);
    assert.equal(result.kept.length + result.left.length, list.length);
    // Nothing of a lower tier is kept while something of a higher tier that is no larger was left out.
    const back = await decode(result.text);
    assert.deepEqual(back.e.map((row) => row[0]), result.kept);
    if (standard === "2004") for (const id of core) assert.ok(result.kept.includes(id), `2004 keeps ${id}`);
    else assert.ok(result.left.some((id) => id.startsWith("rp-")), "1.2 cannot hold three large pictures");
  }
});

test("entries from the LMS: unknown ids, bad times and non-object states are skipped, never stored", () => {
  const known = new Map([["a", { widget: "reflection", page: "p/a" }], ["b", { widget: "rubric", page: "p/b" }]]);
  const data = { v: 1, e: [["a", "2026-01-01T00:00:00Z", { text: "x" }], ["b", "gisteren", {}], ["c", "2026-01-01T00:00:00Z", {}], ["a", "2026-01-01T00:00:00Z", [1]], 5], o: ["z"] };
  const result = entriesOf(data, known);
  assert.deepEqual(result.entries, [{ id: "a", widget: "reflection", page: "p/a", updated: "2026-01-01T00:00:00Z", state: { text: "x" } }]);
  assert.deepEqual(result.skipped, ["b", "c", "a", "?"]);
  assert.deepEqual(result.left, ["z"]);
  assert.equal(entriesOf({ v: 1, e: [], o: 4 }, known).leftCount, 4);
});

test("merge like an import: newest wins, equal keeps the browser's work, nothing is deleted", () => {
  const stored = new Map([["a", { updated: "2026-01-02T00:00:00Z" }], ["b", { updated: "2026-01-02T00:00:00Z" }], ["c", { updated: "2026-01-02T00:00:00Z" }]]);
  const incoming = [entry("a", "reflection", "2026-01-03T00:00:00Z"), entry("b", "reflection", "2026-01-02T00:00:00Z"), entry("c", "reflection", "2026-01-01T00:00:00Z"), entry("d", "reflection", "2026-01-01T00:00:00Z")];
  const plan = planMerge(incoming, (id) => stored.get(id) || null);
  assert.deepEqual(plan.updated.map((e) => e.id), ["a"]);
  assert.deepEqual(plan.kept.map((e) => e.id), ["b", "c"]);
  assert.deepEqual(plan.added.map((e) => e.id), ["d"]);
});
