// Errors: rule files that do not load, enquiries that are not enquiries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kl, MUNICIPALITY, TEKNIK, thrown } from "./helpers.mjs";

const load = (teknik) =>
  thrown(() => new kl.Router({ "municipality.toml": MUNICIPALITY, "departments/teknik.toml": teknik }));

test("a TOML syntax error throws a RuleSetError with file, line and column", () => {
  const e = load(TEKNIK.replace('id = "snorojning"', 'id = "snorojning'));
  assert.ok(e instanceof Error);
  assert.equal(e.name, "RuleSetError");
  assert.equal(e.kind, "syntax");
  assert.equal(e.file, "departments/teknik.toml");
  assert.equal(e.line, 11);
  assert.ok(e.column >= 1);
  assert.match(e.message, /^departments\/teknik\.toml:11:\d+: /);
  assert.match(e.rendered, /\^/);
  assert.ok(e.diagnostics.length >= 1);
  assert.equal(e.diagnostics[0].severity, "error");
  assert.equal(e.diagnostics[0].location.line, 11);
  assert.ok(typeof e.stack === "string");
});

test("an unknown key points at the key and suggests the right one", () => {
  const e = load(TEKNIK.replace("keywords = [", "keyword = ["));
  assert.equal(e.kind, "unknown-key");
  assert.equal(e.file, "departments/teknik.toml");
  assert.equal(e.line, 16);
  assert.equal(e.column, 1);
  assert.match(e.message, /keyword/);
  assert.match(e.help ?? "", /keywords/);
  assert.equal(e.diagnostics[0].location.source_line, 'keyword = ["snöröjning", "ploga"]');
});

test("a value of the wrong type and an unknown reference are located", () => {
  const t = load(TEKNIK.replace("level = 1", 'level = "ett"'));
  assert.equal(t.kind, "type");
  assert.equal(t.line, 13);
  const r = load(TEKNIK.replace('unit = "teknik-gata"', 'unit = "teknik-gatan"'));
  assert.equal(r.kind, "unknown-reference");
  assert.equal(r.line, 14);
});

test("several errors are all listed, the message counts the rest", () => {
  const e = thrown(() =>
    new kl.Router({
      "municipality.toml": MUNICIPALITY.replace('name = "Testkommun"', "name = 1"),
      "departments/teknik.toml": TEKNIK.replace("keywords = [", "keyword = ["),
    }),
  );
  assert.ok(e.diagnostics.filter((d) => d.severity === "error").length >= 2);
  assert.match(e.message, /and \d+ more error/);
});

test("a rule set without municipality.toml says what is missing", () => {
  const e = thrown(() => new kl.Router({ "departments/teknik.toml": TEKNIK }));
  assert.equal(e.name, "RuleSetError");
  assert.match(e.message, /municipality\.toml/);
});

test("rule files that are not {path: text} throw a clear RuleSetError", () => {
  for (const bad of [undefined, null, "municipality.toml", 5, { "municipality.toml": 5 }]) {
    const e = thrown(() => new kl.Router(bad));
    assert.equal(e.name, "RuleSetError", String(bad));
    assert.match(e.message, /rule files must be an object \{path: tomlText\}/);
    assert.equal(e.file, null);
    assert.deepEqual(e.diagnostics, []);
  }
});

const router = new kl.Router({ "municipality.toml": MUNICIPALITY, "departments/teknik.toml": TEKNIK });

test("an enquiry field of the wrong type throws an EnquiryError naming it", () => {
  const e = thrown(() => router.route({ text: 5 }));
  assert.ok(e instanceof Error);
  assert.equal(e.name, "EnquiryError");
  assert.equal(e.field, "text");
  assert.match(e.message, /^invalid enquiry: field `text`: invalid type: integer `5`, expected a string$/);
  const c = thrown(() => router.route({ channel: "fax" }));
  assert.equal(c.field, "channel");
  assert.match(c.message, /unknown variant `fax`/);
  const i = thrown(() => router.route({ id: 1.5 }));
  assert.equal(i.field, "id");
  const f = thrown(() => router.route({ fields: 7 }));
  assert.equal(f.field, "fields");
  const r = thrown(() => router.route({ received_at: "2027-03-29T10:00:00" }));
  assert.equal(r.field, "received_at");
});

test("an unknown enquiry field is rejected, with the known ones listed", () => {
  const e = thrown(() => router.route({ txt: "snö" }));
  assert.equal(e.name, "EnquiryError");
  assert.match(e.message, /unknown field `txt`, expected one of/);
});

test("an enquiry that is not an object throws", () => {
  for (const bad of [undefined, null, "snöröjning", 5, ["text"]]) {
    const e = thrown(() => router.route(bad));
    assert.equal(e.name, "EnquiryError", String(bad));
    assert.match(e.message, /must be an object/);
  }
});

test("an enquiry over the core's 16 MiB of JSON throws, with the limit", () => {
  // {"text":"…"}: the text and 11 bytes of JSON around it.
  const e = thrown(() => router.route({ text: "a".repeat(16 * 1024 * 1024) }));
  assert.equal(e.name, "EnquiryError");
  assert.match(e.message, /^invalid enquiry: the enquiry is 16777227 bytes, more than the limit of 16777216$/);
  assert.equal(e.field, null);
});

test("routeAt rejects a time it cannot read", () => {
  for (const bad of ["igår", NaN, {}, new Date("x")]) {
    const e = thrown(() => router.routeAt({}, bad));
    assert.equal(e.name, "EnquiryError");
    assert.match(e.message, /`now`/);
  }
});

test("the module still works after every error above", () => {
  assert.equal(router.route({ text: "Kan ni ploga vår gata?" }).enquiry_type, "snorojning");
});
