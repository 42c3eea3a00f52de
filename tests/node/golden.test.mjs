// The golden cases (tests/golden/<widget>/<rule>.json) through each widget's JavaScript rules (rules.js).
// The same files run through the Python rules in tests/unit/test_golden.py: a rule that exists in both languages
// gives the same output for the same input. A case's input keys are the rule's parameters in order.
//
// JD_GOLDEN_DIR points the runner at another folder of cases (the test that proves a wrong expected value fails).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const GOLDEN = process.env.JD_GOLDEN_DIR || join(ROOT, "tests", "golden");
const WIDGETS = join(ROOT, "src", "jeugddomein", "widgets");

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** Numbers compared as JSON does; object key order ignored (Python and JavaScript order keys differently). */
function normal(value) {
  if (Array.isArray(value)) return value.map(normal);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, normal(value[k])]));
  }
  return value === undefined ? null : value;
}

for (const widget of readdirSync(GOLDEN).sort()) {
  const rules = await import(pathToFileURL(join(WIDGETS, widget, "rules.js")).href);
  for (const file of readdirSync(join(GOLDEN, widget)).filter((f) => f.endsWith(".json")).sort()) {
    const { rule, cases } = JSON.parse(readFileSync(join(GOLDEN, widget, file), "utf8"));
    const fn = rules[camel(rule)];
    test(`${widget}.${rule} exists in rules.js`, () => assert.equal(typeof fn, "function"));
    for (const item of cases) {
      test(`${widget}.${rule}: ${item.name}`, () => {
        const args = Object.values(structuredClone(item.input));
        if (item.raises) {
          assert.throws(() => fn(...args));
        } else {
          assert.deepEqual(normal(JSON.parse(JSON.stringify(fn(...args)))), normal(item.expected));
        }
      });
    }
  }
}
