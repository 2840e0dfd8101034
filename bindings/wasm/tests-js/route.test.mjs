// Routing the Klippan rule set through the JS API of the nodejs build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kl, klippanFiles, repoRoot, pkgNode } from "./helpers.mjs";

const router = new kl.Router(klippanFiles());

test("a snow-clearing question goes to teknik, handled by the first line", () => {
  const d = router.route({ text: "Varför har ni inte plogat Storgatan?", channel: "e-service" });
  assert.equal(d.status, "matched");
  assert.equal(d.matched, true);
  assert.equal(d.enquiry_type, "snorojning");
  assert.equal(d.department, "teknik");
  assert.equal(d.department_name, "Tekniska förvaltningen");
  assert.equal(d.rosa_level, 1);
  assert.equal(d.first_line, true);
  assert.equal(d.channel, "e-service");
  assert.equal(d.explanation.trace.via, "text");
  assert.ok(d.explanation.text.length > 20, d.explanation.text);
  assert.ok(Array.isArray(d.path) && d.path.length >= 1);
  assert.equal(d.path[0].role, "first-line");
});

test("an appeal of a building permit goes to plan-bygg at level 6", () => {
  const d = router.route({ text: "Jag vill överklaga beslutet om bygglov för grannens garage", channel: "email" });
  assert.equal(d.enquiry_type, "bygglov-overklagande");
  assert.equal(d.department, "plan-bygg");
  assert.equal(d.rosa_level, 6);
  assert.equal(d.first_line, false);
});

test("decomposed text (NFD, as macOS pastes it) routes like composed text", () => {
  const composed = "Mitt sopkärl har blivit stulet";
  const decomposed = composed.normalize("NFD");
  assert.notEqual(decomposed, composed);
  const d = router.route({ text: decomposed });
  assert.equal(d.enquiry_type, "sopkarl");
  assert.deepEqual(d.explanation.trace.terms, router.route({ text: composed }).explanation.trace.terms);
});

test("Swedish typed without å, ä and ö (a phone set to English) routes like typed with them", () => {
  const plain = router.route({ text: "Mitt sopkarl har blivit stulet" });
  assert.equal(plain.enquiry_type, "sopkarl");
  assert.deepEqual(plain.explanation.trace.terms, router.route({ text: "Mitt sopkärl har blivit stulet" }).explanation.trace.terms);
  assert.deepEqual(plain.explanation.trace.notes, ["texten saknar å, ä och ö; ord med dem har lästs som skrivna med a och o"]);
});

test("a form code wins over the text", () => {
  const d = router.route({ form: "TF-PTRH", channel: "e-service", text: "hej" });
  assert.equal(d.enquiry_type, "parkeringstillstand");
  assert.equal(d.explanation.trace.via, "form");
});

test("the id is echoed, strings and integers alike", () => {
  assert.equal(router.route({ id: "E-2027-0042" }).id, "E-2027-0042");
  assert.equal(router.route({ id: 42 }).id, 42);
});

test("routeAt is deterministic and gives due dates from received_at or now", () => {
  const e = { text: "Varför har ni inte plogat Storgatan?", channel: "email" };
  const now = "2027-03-29T10:00:00+02:00";
  const a = router.routeAt(e, now);
  assert.deepEqual(router.routeAt(e, new Date(now)), a);
  assert.deepEqual(router.routeAt(e, Date.parse(now)), a);
  assert.ok(a.received_at?.startsWith("2027-03-29T10:00:00"), a.received_at);
  for (const step of a.path) assert.ok(step.due === null || typeof step.due === "string");
  const withReceived = router.routeAt({ ...e, received_at: "2027-03-30T09:00:00+02:00" }, now);
  assert.ok(withReceived.received_at.startsWith("2027-03-30T09:00:00"), withReceived.received_at);
  // route() uses Date.now(): it has a received_at too.
  assert.equal(typeof router.route(e).received_at, "string");
});

test("maps in the decision are plain objects and absent values are null", () => {
  const d = router.route({ text: "Varför har ni inte plogat Storgatan?" });
  assert.equal(Object.getPrototypeOf(d.external), Object.prototype);
  assert.equal(d.external.platina_case_type, "TF-GATA");
  assert.equal(d.legal_reference, null);
  const u = router.route({});
  assert.equal(u.enquiry_type, null);
  assert.equal(u.rosa_level, null);
});

test("the rule files' own test cases pass through runTests()", () => {
  const cases = router.tests();
  assert.ok(cases.length >= 5);
  assert.ok(cases.every((c) => typeof c.file === "string" && typeof c.line === "number"));
  const outcomes = router.runTests();
  assert.equal(outcomes.length, cases.length);
  const failed = outcomes.filter((o) => !o.passed).map((o) => `${o.full_name}: ${JSON.stringify(o.mismatches)}`);
  assert.deepEqual(failed, []);
});

test("check() returns the warnings as Diagnostic objects", () => {
  const warnings = router.check();
  assert.ok(Array.isArray(warnings));
  for (const w of warnings) {
    assert.equal(w.severity, "warning");
    assert.equal(typeof w.location.file, "string");
    assert.ok(w.location.line >= 1 && w.location.column >= 1);
  }
});

test("a Map works as the rule files too, and the getters answer", () => {
  const r = new kl.Router(new Map(Object.entries(klippanFiles())));
  assert.equal(r.municipality, "Klippans kommun");
  assert.ok(r.typeCount >= 6);
});

test("enquiryTypes() lists every type, and each form code routes to its type", () => {
  const r = new kl.Router(klippanFiles());
  const types = r.enquiryTypes();
  assert.equal(types.length, r.typeCount);
  assert.equal(new Set(types.map((t) => t.id)).size, types.length, "type ids are unique");
  const departments = new Map(r.departments().map((d) => [d.id, d.name]));
  assert.ok(departments.has("teknik") && departments.has("social"));
  let forms = 0;
  for (const t of types) {
    assert.equal(t.department_name, departments.get(t.department), t.id);
    assert.ok(t.rosa_level >= 1 && t.rosa_level <= 6, t.id);
    for (const code of t.form_codes) {
      const d = r.routeAt({ form: code.toLowerCase(), channel: "e-service" }, "2027-03-29T10:00:00+02:00");
      assert.equal(d.enquiry_type, t.id, code);
      assert.equal(d.department, t.department, code);
      assert.equal(d.first_line, t.first_line, code);
      assert.equal(d.rosa_level, t.rosa_level, code);
      assert.deepEqual(d.external, t.external, code);
      assert.equal(d.legal_reference, t.legal_reference, code);
      forms += 1;
    }
  }
  assert.ok(forms >= 10, `only ${forms} form codes in Klippan`);
  // The ROSA policy as listed agrees with the rule: level 5–6 never first line.
  assert.ok(types.filter((t) => t.rosa_level >= 5).every((t) => !t.first_line));
});

test("version() is the core's version, static and free", () => {
  const cargo = readFileSync(join(repoRoot, "Cargo.toml"), "utf8");
  const want = /^version = "([^"]+)"/m.exec(cargo)[1];
  assert.equal(kl.version(), want);
  assert.equal(kl.Router.version(), want);
  const pkg = JSON.parse(readFileSync(join(pkgNode, "package.json"), "utf8"));
  assert.equal(pkg.version, want);
});
