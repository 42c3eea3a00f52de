// Reads a JSON list of parsed portfolio files on stdin and writes, for each, what the browser's import check says:
// its Dutch problems (empty: accepted) and the JSON-schema keywords the file broke ("rule" for the models' own
// rules). Used by tests/unit/test_import_conformance.py, which compares the verdicts with pydantic's.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [modulePath] = process.argv.slice(2);
const { portfolioProblems, validate } = await import(pathToFileURL(modulePath).href);
const documents = JSON.parse(readFileSync(0, "utf8"));
/**
 * The keyword of an error, and the schema keywords it was found under that report no error of their own. With a
 * discriminator, Ajv evaluates the `oneOf` beside it as one keyword, reported as "discriminator".
 */
function keywords(error) {
  const found = [error.keyword, ...(error.keyword === "discriminator" ? ["oneOf"] : [])];
  for (const under of ["patternProperties", "then"]) if (error.schemaPath.includes(`/${under}/`)) found.push(under);
  if (error.schemaPath.includes("/additionalProperties/")) found.push("additionalProperties:schema");
  return found;
}

const verdicts = documents.map((data) => {
  const problems = portfolioProblems(data);
  const broken = validate(data) ? (problems.length ? ["rule"] : []) : [...new Set(validate.errors.flatMap(keywords))];
  return { problems, keywords: broken };
});
process.stdout.write(JSON.stringify(verdicts));
