// The hand-written TypeScript interfaces must list exactly the fields the
// real objects have: a field added to the core's serde types without being
// added to src/types.rs (or the other way round) fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kl, klippanFiles, pkgNode, MUNICIPALITY, thrown } from "./helpers.mjs";

const dts = readFileSync(join(pkgNode, "kommunlots_wasm.d.ts"), "utf8");

/** The fields of `interface name` in the .d.ts: {required: [...], optional: [...]}. */
function fieldsOf(name) {
  const m = new RegExp(`export interface ${name}(?: extends \\w+)? \\{([\\s\\S]*?)\\n\\}`).exec(dts);
  assert.ok(m, `interface ${name} is missing from the .d.ts`);
  const required = [], optional = [];
  for (const [, field, q] of m[1].matchAll(/^\s+(\w+)(\??):/gm)) (q ? optional : required).push(field);
  return { required, optional };
}

function assertShape(name, value) {
  const { required, optional } = fieldsOf(name);
  const keys = Object.keys(value);
  for (const k of required) assert.ok(keys.includes(k), `${name}.${k} is declared but missing at run time`);
  for (const k of keys) assert.ok(required.includes(k) || optional.includes(k), `${name}.${k} exists at run time but is not declared`);
}

const router = new kl.Router(klippanFiles());

test("Decision and its parts match their interfaces", () => {
  const d = router.routeAt({ text: "Varför har ni inte plogat Storgatan?", channel: "email" }, "2027-03-29T10:00:00+02:00");
  assertShape("Decision", d);
  assertShape("Explanation", d.explanation);
  assertShape("Trace", d.explanation.trace);
  assert.ok(d.explanation.trace.terms.length > 0);
  assertShape("MatchedTerm", d.explanation.trace.terms[0]);
  assert.ok(d.candidates.length > 0);
  assertShape("Candidate", d.candidates[0]);
  for (const s of d.path) assertShape("Step", s);
});

test("a candidate found by a near spelling has its flag declared", () => {
  const d = router.route({ text: "När kommer snöröjnigen?", channel: "email" });
  assert.equal(d.status, "unmatched");
  const [c] = d.candidates;
  assert.equal(c.enquiry_type, "snorojning");
  assertShape("Candidate", c);
  assertShape("MatchedTerm", c.terms[0]);
  assert.equal(c.terms[0].near_spelling, true);
  // A term found as written carries no flag.
  const found = router.route({ text: "När kommer snöröjningen?", channel: "email" });
  assert.equal(found.explanation.trace.terms[0].near_spelling, undefined);
});

test("Diagnostic, Location and RuleSetError match their interfaces", () => {
  const e = thrown(() => new kl.Router({ "municipality.toml": MUNICIPALITY.replace("[municipality]", "[municipality]\nnamn = 1") }));
  const own = Object.keys(e).filter((k) => !["stack"].includes(k));
  for (const k of ["kind", "file", "line", "column", "help", "rendered", "diagnostics"]) assert.ok(own.includes(k), k);
  for (const d of e.diagnostics) {
    assertShape("Diagnostic", d);
    assertShape("Location", d.location);
  }
});

test("TestCase, Expectation and TestOutcome match their interfaces", () => {
  const [c] = router.tests();
  assertShape("TestCase", c);
  assertShape("Expectation", c.expect);
  const [o] = router.runTests();
  assertShape("TestOutcome", o);
});

test("EnquiryType and Department match their interfaces", () => {
  const types = router.enquiryTypes();
  assert.ok(types.length > 0);
  for (const t of types) assertShape("EnquiryType", t);
  const departments = router.departments();
  assert.ok(departments.length > 0);
  for (const d of departments) assertShape("Department", d);
});

test("the methods are typed with the interfaces, not any", () => {
  assert.match(dts, /enquiryTypes\(\): EnquiryType\[\];/);
  assert.match(dts, /departments\(\): Department\[\];/);
  assert.match(dts, /route\(enquiry: Enquiry\): Decision;/);
  assert.match(dts, /routeAt\(enquiry: Enquiry, now: Date \| number \| string\): Decision;/);
  assert.match(dts, /check\(\): Diagnostic\[\];/);
  assert.match(dts, /constructor\(files: RuleFiles\);/);
  assert.doesNotMatch(dts.replace(/Record<string, unknown>/g, ""), /: any\b/);
});
