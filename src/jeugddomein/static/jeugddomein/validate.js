// Checks a value against the JSON schema generated from the course's pydantic models (the subset pydantic emits).
// Returns a list of {path, message} with Dutch messages; an empty list means valid.

const TYPE_WORDS = {
  string: "tekst", integer: "een geheel getal", number: "een getal", boolean: "true of false",
  array: "een lijst", object: "een object", null: "null",
};

function typeOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function resolve(root, schema) {
  let current = schema;
  while (current && current.$ref) {
    const parts = current.$ref.replace(/^#\//, "").split("/");
    current = parts.reduce((node, part) => node?.[part], root);
  }
  return current || {};
}

export function validateSchema(root, value, schema = root, path = "", errors = []) {
  const s = resolve(root, schema);
  const at = path || "(bestand)";
  const fail = (message) => errors.push({ path: at, message });

  if (s.anyOf || s.oneOf) {
    const options = s.anyOf || s.oneOf;
    if (s.discriminator && typeOf(value) === "object") {
      const tag = value[s.discriminator.propertyName];
      const ref = s.discriminator.mapping?.[tag];
      if (!ref) {
        fail(`onbekende waarde '${String(tag)}' voor ${s.discriminator.propertyName}`);
        return errors;
      }
      return validateSchema(root, value, { $ref: ref }, path, errors);
    }
    const passing = options.filter((option) => validateSchema(root, value, option, path, []).length === 0);
    if (passing.length === 0) fail("de waarde past bij geen van de toegestane vormen");
    return errors;
  }
  if ("const" in s && value !== s.const) fail(`verwacht ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.includes(value)) fail(`kies uit ${s.enum.join(", ")}`);
  if (s.type) {
    const actual = typeOf(value);
    const allowed = Array.isArray(s.type) ? s.type : [s.type];
    const ok = allowed.includes(actual) || (actual === "integer" && allowed.includes("number"));
    if (!ok) {
      fail(`hier hoort ${allowed.map((t) => TYPE_WORDS[t] || t).join(" of ")}`);
      return errors;
    }
  }
  const kind = typeOf(value);
  if (kind === "string") {
    if (s.minLength !== undefined && value.length < s.minLength) fail("te kort of leeg");
    if (s.maxLength !== undefined && value.length > s.maxLength) fail(`te lang (hoogstens ${s.maxLength} tekens)`);
    if (s.pattern && !new RegExp(s.pattern).test(value)) fail("de vorm klopt niet");
    if (s.format === "date-time" && Number.isNaN(Date.parse(value))) fail("geen geldige datum en tijd");
  }
  if (kind === "integer" || kind === "number") {
    if (s.minimum !== undefined && value < s.minimum) fail(`minstens ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) fail(`hoogstens ${s.maximum}`);
  }
  if (kind === "array") {
    if (s.minItems !== undefined && value.length < s.minItems) fail(`minstens ${s.minItems} elementen`);
    if (s.maxItems !== undefined && value.length > s.maxItems) fail(`hoogstens ${s.maxItems} elementen`);
    if (s.items) value.forEach((item, i) => validateSchema(root, item, s.items, path ? `${path}.${i}` : String(i), errors));
  }
  if (kind === "object") {
    for (const key of s.required || []) {
      if (!(key in value)) errors.push({ path: path ? `${path}.${key}` : key, message: "dit verplichte veld ontbreekt" });
    }
    const props = s.properties || {};
    for (const [key, item] of Object.entries(value)) {
      const sub = path ? `${path}.${key}` : key;
      if (key in props) validateSchema(root, item, props[key], sub, errors);
      else if (s.additionalProperties === false) errors.push({ path: sub, message: "dit veld is onbekend" });
    }
  }
  return errors;
}

/** The deepest nesting of brackets in a JSON text, outside strings (checked before parsing). */
export function nestingDepth(text) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") deepest = Math.max(deepest, ++depth);
    else if (c === "}" || c === "]") depth -= 1;
  }
  return deepest;
}
