// Dutch sentences for the errors of a JSON-schema validator compiled with Ajv (see static/validators.mjs): each
// names the field (as a dotted path, `entries.3.state.answers.pz1`) and says what belongs there.

/** @typedef {{instancePath: string, schemaPath: string, keyword: string, params: Record<string, any>}} SchemaError */
/** @typedef {{path: string, message: string}} Problem */

const TYPE_WORDS = {
  string: "tekst",
  integer: "een geheel getal",
  number: "een getal",
  boolean: "true of false",
  array: "een lijst",
  object: "een object",
  null: "null",
};

const DATE = "een bestaande datum in de vorm JJJJ-MM-DD, zoals 2026-11-13";
const DATE_TIME = "een bestaande datum en tijd met tijdzone, zoals 2026-11-13T16:00:00Z";

/** What each pattern of the course's schemas asks for, in words (a test checks that every pattern is here). */
export const PATTERN_WORDS = {
  "^(?:000[1-9]|00[1-9]\\d|0[1-9]\\d{2}|[1-9]\\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])$": DATE,
  "^(?:000[1-9]|00[1-9]\\d|0[1-9]\\d{2}|[1-9]\\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d{1,6})?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$":
    DATE_TIME,
  "^[a-z0-9][a-z0-9-]{1,79}$": "een id van 2 tot 80 kleine letters, cijfers en streepjes",
  "^[A-Za-z0-9_-]{1,40}$": "een id van 1 tot 40 letters, cijfers, - of _",
  "^[a-z0-9][a-z0-9-]{0,39}$": "een id van 1 tot 40 kleine letters, cijfers en streepjes",
  "^[a-z][a-z0-9-]{1,39}$": "een id van 2 tot 40 kleine letters, cijfers en streepjes, beginnend met een letter",
  "^([a-z][a-z0-9-]{1,39})?$": "niets, of een id van 2 tot 40 kleine letters, cijfers en streepjes",
  "^[a-z][a-z0-9]{1,15}$": "een id van 2 tot 16 kleine letters en cijfers, beginnend met een letter",
  "^[a-z]+$": "een id van kleine letters",
  "^[a-z0-9-]{1,20}$": "een id van 1 tot 20 kleine letters, cijfers en streepjes",
  "[^\\s\\u0085\\ufeff]": "tekst die niet alleen uit spaties bestaat",
};

/** `/entries/3/state` -> `entries.3.state` (JSON pointer to the dotted path the course's messages use). */
export function dottedPath(pointer) {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .join(".");
}

const join = (path, key) => (path ? `${path}.${key}` : String(key));
const quoted = (value) => (typeof value === "string" ? `'${value}'` : JSON.stringify(value));

function typeWords(types) {
  const names = [...new Set(types.flatMap((t) => String(t).split(",")))];
  if (names.length === 1) return TYPE_WORDS[names[0]] || names[0];
  const words = names.map((t) => (t === "boolean" ? "true, false" : TYPE_WORDS[t] || t));
  return `${words.slice(0, -1).join(", ")} of ${words.at(-1)}`;
}

const FORMAT_WORDS = { date: DATE, "date-time": DATE_TIME };

/**
 * One problem for one Ajv error (null for an error that others explain better).
 * @param {SchemaError} error
 * @param {Record<string, string[]>} choices discriminator property -> its allowed values
 * @returns {Problem | null}
 */
function problemOf(error, choices) {
  const path = dottedPath(error.instancePath);
  const p = error.params;
  switch (error.keyword) {
    case "type":
      return { path, message: `hier hoort ${typeWords([p.type])}` };
    case "required":
      return { path: join(path, p.missingProperty), message: "dit verplichte veld ontbreekt; voeg het toe" };
    case "additionalProperties":
      return {
        path: join(path, p.additionalProperty),
        message: "dit veld is onbekend; verwijder het of controleer de spelling",
      };
    case "enum":
      return { path, message: `kies uit ${p.allowedValues.map(quoted).join(", ")}` };
    case "const":
      return { path, message: `hier hoort ${quoted(p.allowedValue)}` };
    case "minimum":
      return { path, message: `te klein: minstens ${p.limit}` };
    case "maximum":
      return { path, message: `te groot: hoogstens ${p.limit}` };
    case "minLength":
      return { path, message: p.limit === 1 ? "mag niet leeg zijn" : `te kort: minstens ${p.limit} tekens` };
    case "maxLength":
      return { path, message: `te lang: hoogstens ${p.limit} tekens` };
    case "pattern":
      return { path, message: `hier hoort ${PATTERN_WORDS[p.pattern] || `tekst met het patroon ${p.pattern}`}` };
    case "format":
      return { path, message: `hier hoort ${FORMAT_WORDS[p.format] || `tekst in de vorm ${p.format}`}` };
    case "minItems":
      return { path, message: `te weinig elementen: minstens ${p.limit}` };
    case "maxItems":
      return { path, message: `te veel elementen: hoogstens ${p.limit}` };
    case "maxProperties":
      return { path, message: `te veel velden: hoogstens ${p.limit}` };
    case "discriminator":
      if (p.tagValue === undefined) return { path: join(path, p.tag), message: "dit verplichte veld ontbreekt; voeg het toe" };
      if (typeof p.tagValue !== "string") return { path: join(path, p.tag), message: "hier hoort tekst" };
      return {
        path: join(path, p.tag),
        message: `onbekende waarde ${quoted(p.tagValue)}; kies uit ${(choices[p.tag] || []).map(quoted).join(", ")}`,
      };
    case "if":
      return null; // the failing `then` has its own, more precise errors
    default:
      return { path, message: "deze waarde is hier niet toegestaan" };
  }
}

/**
 * Ajv's errors (validated with allErrors) as Dutch problems, one per field, in the order of the file.
 * A failed anyOf (`true, false of null`) becomes one problem naming every allowed type.
 * @param {SchemaError[]} errors
 * @param {Record<string, string[]>} [choices] discriminator property -> its allowed values
 * @returns {Problem[]}
 */
export function schemaProblems(errors, choices = {}) {
  const anyOf = errors.filter((e) => e.keyword === "anyOf");
  const inBranch = (e) => anyOf.find((a) => e !== a && e.schemaPath.startsWith(`${a.schemaPath}/`));
  const problems = [];
  const seen = new Set();
  for (const error of errors) {
    if (inBranch(error)) continue;
    let problem;
    if (error.keyword === "anyOf") {
      const branches = errors.filter((e) => inBranch(e) === error);
      const types = branches.filter((e) => e.keyword === "type").map((e) => e.params.type);
      problem =
        types.length === branches.length && types.length
          ? { path: dottedPath(error.instancePath), message: `hier hoort ${typeWords(types)}` }
          : problemOf(branches[0] || error, choices);
    } else {
      problem = problemOf(error, choices);
    }
    if (!problem) continue;
    const path = problem.path || "(bestand)";
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push({ path, message: problem.message });
  }
  return problems;
}
