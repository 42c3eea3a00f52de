// The whole check of an imported portfolio, as pydantic's `Portfolio.model_validate` does it: older rich pictures
// are migrated first (StoredPicture's before-validator), then the file is checked against the JSON schema generated
// from the pydantic models (compiled with Ajv at build time, no eval), then against the rules the schema cannot
// state (the models' validators). Bundled by static/validators.mjs into static/jeugddomein/portfolio_check.js.
//
// The rules the schema cannot state, one per pydantic validator (tests/unit/test_import_conformance.py keeps this
// list complete):
//   Portfolio._unique_ids                      uniqueEntryIds
//   CompetenceTrackerState._one_per_moment     onePerMoment
//   RichPictureState._unique_pictures          uniquePictureIds
//   StoredPicture._migrate                     withMigratedPictures
//   Scene._check_references                    pictureReferences (referenceProblems in rich_picture/rules.js)
//   Scene._choices_or_routes                   playedCaseScenes (sceneRule in role_play/checks.js)
// Evidence._ref_for_work is stated in the schema itself (if/then).
import validate, { choices } from "compiled-schema";
import { schemaProblems } from "../widgets/_shared/schema_messages.js";
import { migrate, referenceProblems } from "../widgets/rich_picture/rules.js";
import { sceneRule } from "../widgets/role_play/checks.js";

/** The schema check alone, with Ajv's raw errors (the conformance test reads which keywords a file broke). */
export { validate };

/** @typedef {{path: string, message: string}} Problem */

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** The rich-picture entries of a parsed file, with their index (only the shapes the migration can read). */
function pictureLists(data) {
  const out = [];
  (Array.isArray(data?.entries) ? data.entries : []).forEach((entry, i) => {
    if (isObject(entry) && entry.widget === "rich-picture" && Array.isArray(entry.state?.pictures)) {
      out.push([i, entry.state.pictures]);
    }
  });
  return out;
}

/**
 * A copy of the file in which every rich picture of an older version is migrated (as pydantic does before checking),
 * or the problem of a picture from a newer version.
 * @returns {{data: any} | {problem: Problem}}
 */
function withMigratedPictures(data) {
  const lists = pictureLists(data);
  if (!lists.length) return { data };
  const copy = structuredClone(data);
  for (const [i, pictures] of pictureLists(copy)) {
    for (const [j, picture] of pictures.entries()) {
      if (!isObject(picture) || !isObject(picture.scene)) continue;
      try {
        picture.scene = migrate(picture.scene);
      } catch (error) {
        return { problem: { path: `entries.${i}.state.pictures.${j}.scene.version`, message: error.message } };
      }
    }
  }
  return { data: copy };
}

/** @returns {Problem[]} */
function uniqueEntryIds(data) {
  const seen = new Set();
  const problems = [];
  data.entries.forEach((entry, i) => {
    if (seen.has(entry.id)) {
      problems.push({ path: `entries.${i}.id`, message: `het id '${entry.id}' komt twee keer voor in het bestand` });
    }
    seen.add(entry.id);
  });
  return problems;
}

/** @returns {Problem[]} */
function onePerMoment(state, at) {
  const seen = new Set();
  const problems = [];
  (state.assessments ?? []).forEach((item, j) => {
    const key = JSON.stringify([item.competence, item.moment]);
    if (seen.has(key)) {
      problems.push({
        path: `${at}.assessments.${j}`,
        message: `twee inschattingen voor '${item.competence}' op moment '${item.moment}'; houd er één`,
      });
    }
    seen.add(key);
  });
  return problems;
}

/** @returns {Problem[]} */
function uniquePictureIds(state, at) {
  const seen = new Set();
  const problems = [];
  (state.pictures ?? []).forEach((picture, j) => {
    if (seen.has(picture.id)) {
      problems.push({ path: `${at}.pictures.${j}.id`, message: `twee tekeningen hebben het id '${picture.id}'` });
    }
    seen.add(picture.id);
  });
  return problems;
}

/** @returns {Problem[]} */
function pictureReferences(state, at) {
  return (state.pictures ?? []).flatMap((picture, j) =>
    referenceProblems(picture.scene).map((p) => ({ path: `${at}.pictures.${j}.scene.${p.path}`, message: p.message })),
  );
}

/** The scenes of a case file a learner opened and played (the case model's scene rule). */
function playedCaseScenes(state, at) {
  const scenes = state.file?.case?.scenes ?? [];
  return scenes.flatMap((scene, k) => {
    const rule = sceneRule(scene);
    return rule ? [{ path: `${at}.file.case.scenes.${k}`, message: rule }] : [];
  });
}

/**
 * Everything wrong with a parsed portfolio file, in Dutch, each at its field; empty when pydantic would accept it.
 * @returns {Problem[]}
 */
export function portfolioProblems(data) {
  const migrated = withMigratedPictures(data);
  if ("problem" in migrated) return [migrated.problem];
  if (!validate(migrated.data)) return schemaProblems(validate.errors, choices);
  const problems = uniqueEntryIds(migrated.data);
  migrated.data.entries.forEach((entry, i) => {
    const at = `entries.${i}.state`;
    if (entry.widget === "competence-tracker") problems.push(...onePerMoment(entry.state, at));
    if (entry.widget === "role-play") problems.push(...playedCaseScenes(entry.state, at));
    if (entry.widget === "rich-picture") problems.push(...pictureReferences(entry.state, at), ...uniquePictureIds(entry.state, at));
  });
  return problems;
}
