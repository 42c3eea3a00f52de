// The case editor's rules, the same as rules.py (tests/golden/case_editor/ holds the shared cases).
import { readCaseText } from "../role_play/casefile.js";
import { checkCase } from "../role_play/checks.js";

/** Done: the draft is a case file the build accepts (valid YAML, no problem from the case checks). */
export function done(config, state) {
  const draft = state.draft || "";
  if (!draft.trim()) return false;
  const read = readCaseText(draft);
  if (read.problems.length) return false;
  const labels = config.links ? Object.keys(config.links).sort() : null;
  return checkCase(read.data, labels).length === 0;
}
