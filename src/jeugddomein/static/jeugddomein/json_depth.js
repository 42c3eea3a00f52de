// A guard run before JSON.parse on a file the learner chooses: a file nested far deeper than any portfolio is refused
// with its own message instead of being parsed and walked.

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
