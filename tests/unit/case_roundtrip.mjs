// For tests/unit/test_case_editor.py: import each case file given into the case editor's form state and export it
// again, with and without the imported file's comments; prints {path: {with_comments, plain}} as JSON.
import { readFileSync } from "node:fs";
import { caseData, caseYaml, formState, readCaseText } from "../../src/jeugddomein/widgets/role_play/casefile.js";

const out = {};
for (const path of process.argv.slice(2)) {
  const { data, doc, problems } = readCaseText(readFileSync(path, "utf8"));
  if (problems.length) throw new Error(`${path}: ${problems.join("; ")}`);
  const state = formState(data);
  out[path] = { with_comments: caseYaml(caseData(state), doc), plain: caseYaml(caseData(state)) };
}
process.stdout.write(JSON.stringify(out));
