// The e-service form's live preview: routes what the citizen types with the
// kommunlots WASM binding and shows who will handle the enquiry, and by when.
//
// Rule sets are folders under rules/ with a manifest.json ({"files": [...]}),
// written by prepare.sh. `?rules=broken` loads a deliberately broken copy to
// show how a rule error is reported.

const $ = (id) => document.getElementById(id);
const form = $("enquiry-form");
const text = $("text");
const channel = $("channel");
const category = $("category");
const preview = $("preview");

// Klippan is in Sweden: deadlines are shown in Swedish time.
const TIME_ZONE = "Europe/Stockholm";
const dueFormat = new Intl.DateTimeFormat("sv-SE", {
  weekday: "long",
  day: "numeric",
  month: "long",
  hour: "numeric",
  minute: "2-digit",
  timeZone: TIME_ZONE,
});

/** "onsdag 31 mars kl. 16.30" for an RFC 3339 time. */
export function formatDue(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = Object.fromEntries(dueFormat.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.weekday} ${p.day} ${p.month} kl. ${p.hour}.${p.minute}`;
}

const ROLE = {
  "out-of-hours": "Jour utanför öppettid",
  "first-line": "Första linjen",
  owner: "Ansvarig enhet",
  escalation: "Eskalering",
};

function el(tag, props = {}, ...children) {
  const { data = {}, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  for (const [k, v] of Object.entries(data)) node.dataset[k] = v;
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function showPlaceholder(message) {
  preview.replaceChildren(el("p", { id: "preview-status", className: "placeholder" }, message));
}

/** Renders a decision into the live region. */
function showDecision(d) {
  const firstDue = d.path.find((s) => s.due)?.due ?? null;
  const who = el(
    "p",
    { id: "preview-who", className: "who" },
    "Ärendet hanteras av ",
    el("strong", {}, d.handler_name),
    firstDue ? `, som svarar senast ${formatDue(firstDue)}.` : ".",
  );
  const why = el("p", { id: "preview-why", className: "why" }, d.explanation.text);
  const facts = el(
    "dl",
    { className: "facts" },
    el("dt", {}, "Förvaltning"),
    el("dd", { id: "preview-department", data: { department: d.department } }, d.department_name),
    el("dt", {}, "Ärendetyp"),
    el("dd", { id: "preview-type" }, d.enquiry_type_name ?? "Inte identifierad – kundtjänsten läser ditt ärende"),
    el("dt", {}, "Ansvarig enhet"),
    el("dd", {}, d.unit_name),
  );
  const steps = el("ol", { className: "steps", ariaLabel: "Ärendets väg" });
  for (const s of d.path) {
    steps.append(
      el(
        "li",
        {},
        el("span", { className: "role" }, `${ROLE[s.role] ?? s.role}: `),
        s.unit_name,
        s.due ? el("span", { className: "due" }, ` – senast ${formatDue(s.due)}`) : null,
      ),
    );
  }
  const extra = d.confidential
    ? el("p", { className: "confidential" }, "Ärendet omfattas av sekretess.")
    : null;
  const near = nearSuggestion(d);
  preview.replaceChildren(who, why, ...(near ? [near] : []), facts, steps, ...(extra ? [extra] : []));
  preview.dataset.department = d.department;
}

/**
 * "Menade du …?" for an enquiry nothing recognised, naming the types of
 * rule terms that a word of it misses by one letter (the candidates whose
 * terms are `near_spelling`). A type the category list has is a button
 * that picks that category, so the enquiry goes the right way.
 */
function nearSuggestion(d) {
  if (d.status !== "unmatched") return null;
  const near = d.candidates.filter((c) => c.terms.some((t) => t.near_spelling));
  if (near.length === 0) return null;
  const p = el("p", { id: "preview-near", className: "near" }, "Menade du ");
  near.forEach((c, i) => {
    if (i > 0) p.append(i === near.length - 1 ? " eller " : ", ");
    const option = [...category.options].find((o) => o.dataset.type === c.enquiry_type);
    if (!option) {
      p.append(el("strong", {}, c.name));
      return;
    }
    const pick = el("button", { type: "button", className: "link" }, c.name);
    pick.addEventListener("click", () => {
      category.value = option.value;
      update();
      category.focus();
    });
    p.append(pick);
  });
  p.append("? Välj i så fall kategorin, så hamnar ärendet rätt direkt.");
  return p;
}

function showRulesError(e) {
  $("rules-error").hidden = false;
  const where = e && e.file ? `${e.file}:${e.line}:${e.column}` : null;
  $("rules-error-message").textContent = e?.message ?? String(e);
  $("rules-error-detail").textContent = e?.rendered ?? "";
  if (where) $("rules-error").dataset.location = where;
  showPlaceholder("Förhandsvisningen är inte tillgänglig just nu. Du kan ändå skicka ditt ärende.");
}

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`kunde inte hämta ${url}: ${response.status} ${response.statusText}`);
  return response.text();
}

async function loadRules(set) {
  const manifest = JSON.parse(await fetchText(`rules/${set}/manifest.json`));
  const files = await Promise.all(manifest.files.map(async (f) => [f, await fetchText(`rules/${set}/${f}`)]));
  return Object.fromEntries(files);
}

/**
 * Fills the category select from the rule set: one option per enquiry type
 * that has an e-service form code, grouped by department, sorted the Swedish
 * way. The list follows the departments' rules, so it is never out of date.
 */
function fillCategories(types) {
  const collator = new Intl.Collator("sv");
  const groups = new Map();
  for (const t of types) {
    if (t.form_codes.length === 0) continue;
    if (!groups.has(t.department_name)) groups.set(t.department_name, []);
    groups.get(t.department_name).push(t);
  }
  const optgroups = [...groups.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([department, list]) =>
      el(
        "optgroup",
        { label: department },
        ...list
          .sort((a, b) => collator.compare(a.name, b.name))
          .map((t) => el("option", { value: t.form_codes[0], data: { type: t.id } }, t.name)),
      ),
    );
  category.replaceChildren(el("option", { value: "", selected: true }, "Vet inte / annat"), ...optgroups);
}

let router = null;
let timer = 0;

function update() {
  if (!router) return;
  const enquiry = { channel: channel.value, text: text.value };
  if (category.value) enquiry.form = category.value;
  if (!text.value.trim() && !category.value) {
    showPlaceholder("Skriv ditt ärende så visar vi vem som hanterar det.");
    return;
  }
  try {
    showDecision(router.route(enquiry));
  } catch (e) {
    showPlaceholder(`Förhandsvisningen misslyckades: ${e.message}`);
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(update, 150);
}

async function main() {
  const requested = new URLSearchParams(location.search).get("rules") ?? "klippan";
  const set = /^[a-z0-9-]+$/.test(requested) ? requested : "klippan";
  try {
    // Imported here, not at the top, so a missing build shows as an error.
    const { default: init, Router } = await import("./pkg/kommunlots_wasm.js");
    await init();
    router = new Router(await loadRules(set));
    $("municipality").textContent = router.municipality;
    fillCategories(router.enquiryTypes());
    document.body.dataset.ready = "true";
    update();
  } catch (e) {
    document.body.dataset.ready = "error";
    showRulesError(e);
  }
}

text.addEventListener("input", schedule);
channel.addEventListener("change", update);
category.addEventListener("change", update);
form.addEventListener("submit", (event) => {
  event.preventDefault();
  $("sent").textContent = "Tack! Det här är ett exempel, så inget har skickats.";
});

main();
