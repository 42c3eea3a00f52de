// Printable role cards of a case that is not built into the book (a case file a student opened, a case in the
// editor): the game leader's sheet and one card per role, with the same content and classes as the book's role-card
// page (sphinxext/pages/cases.py, RoleCardsDirective), so they print the same way (one card per page).
import { el, printOnly } from "../_shared/ui.js";
import { ROLE_KINDS } from "./catalogue.js";

const kindLabel = (kind) => ROLE_KINDS[kind]?.label || kind;

/** The leader's sheet and the role cards of a case (model data: defaults filled in). */
export function roleCards(caseData) {
  const leader = el("div", { className: "jd-card jd-leader-card" }, [
    el("p", {}, [
      el("strong", { text: "Spelleiderskaart." }),
      " Lees de scène voor, laat de spelers in hun rol overleggen en laat de groep kiezen. " +
        "Vlaggen (wat eerdere keuzes veranderen) staan tussen haken.",
    ]),
  ]);
  for (const scene of caseData.scenes) {
    if (scene.routes.length) continue;
    leader.append(el("p", {}, [el("strong", { text: `${scene.title}.` }), ` ${scene.text}`]));
    if (scene.variants.length) {
      leader.append(
        el("ul", {}, scene.variants.map((v) => el("li", {}, [el("em", { text: `[als ${v.when.join(", ")}]` }), ` ${v.text}`]))),
      );
    }
    if (scene.prompt) leader.append(el("p", {}, [el("em", { text: scene.prompt })]));
    leader.append(
      el(
        "ol",
        {},
        scene.choices.map((choice) => {
          const extra = [];
          if (choice.roles.length) extra.push(`rol: ${choice.roles.join(", ")}`);
          if (choice.requires.length) extra.push(`alleen als ${choice.requires.join(", ")}`);
          if (choice.unless.length) extra.push(`niet als ${choice.unless.join(", ")}`);
          return el("li", {}, [choice.text, extra.length ? el("em", { text: ` [${extra.join("; ")}]` }) : null]);
        }),
      ),
    );
  }
  leader.append(
    el("p", {}, [
      el("strong", { text: "Mogelijke afloop." }),
      ` ${caseData.endings.map((e) => `${e.title} (${e.tone})`).join("; ")}.`,
    ]),
    el("p", {}, [el("strong", { text: "Nabespreken." })]),
    el("ul", {}, caseData.reflection.map((q) => el("li", { text: q }))),
  );
  const cards = caseData.roles.map((role) =>
    el("div", { className: "jd-card jd-role-card" }, [
      el("p", {}, [el("strong", { text: `Rolkaart · ${caseData.title}` })]),
      el("p", {}, [el("strong", { text: role.name }), ` · ${kindLabel(role.kind)}${role.lead ? " · hoofdrol" : ""}`]),
      el("p", {}, [el("strong", { text: "Wat iedereen weet." }), ` ${role.public}`]),
      role.wants ? el("p", {}, [el("strong", { text: "Wat je wilt bereiken." }), ` ${role.wants}`]) : null,
      el("p", {}, [el("strong", { text: "Alleen voor jou (niet voorlezen)." }), ` ${role.private}`]),
    ]),
  );
  return el("div", { className: "jd-case-cards" }, [
    el("p", { text: `${caseData.title}: ${caseData.summary} (${caseData.roles.length} rollen.)` }),
    leader,
    ...cards,
  ]);
}

/**
 * A section with the cards and a print button; printing shows only the cards (printOnly in _shared/ui.js).
 * @param {object} caseData  model data
 * @param {string} headingId
 */
export function cardsSection(caseData, headingId) {
  const button = el("button", { type: "button", className: "jd-button", text: "Rolkaarten afdrukken" });
  const section = el("section", { className: "jd-play-cards", "aria-labelledby": headingId }, [
    el("h2", { className: "jd-play-h", id: headingId, text: "Rolkaarten" }),
    el("p", {
      className: "jd-hint",
      text: "Druk af of bewaar als pdf: elke kaart komt op een eigen pagina, zoals bij de rolkaarten van de cursus.",
    }),
    el("div", { className: "jd-actions" }, [button]),
    roleCards(caseData),
  ]);
  button.addEventListener("click", () => printOnly(roleCards(caseData), "jd-widget-role"));
  return section;
}
