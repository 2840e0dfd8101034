// Empty and odd enquiries still get a decision: the first line owns them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kl, klippanFiles } from "./helpers.mjs";

const router = new kl.Router(klippanFiles());
const firstLine = (d) => {
  assert.equal(typeof d.department, "string");
  assert.equal(typeof d.handler_name, "string");
  assert.equal(typeof d.explanation.text, "string");
  assert.ok(d.explanation.text.length > 0);
};

test("an empty enquiry goes to the first line, unmatched", () => {
  const d = router.route({});
  assert.equal(d.status, "unmatched");
  assert.equal(d.first_line, true);
  assert.equal(d.explanation.trace.policy, "unmatched-fallback");
  firstLine(d);
});

test("null fields are the same as absent ones", () => {
  const d = router.route({ id: null, text: null, channel: null, form: null, received_at: null, language: null, fields: null });
  assert.equal(d.status, "unmatched");
});

test("odd texts get a decision", () => {
  for (const text of ["", "   ", "\n\t", "!!!???", "🙂❄️🚗", "ÅÄÖ åäö", "a".repeat(200_000), "snö".repeat(10_000), "\u0000\u0001"]) {
    firstLine(router.route({ text, channel: "e-service" }));
  }
});

test("a very long text is read on its beginning, with a note", () => {
  const d = router.route({ text: "Varför har ni inte plogat Storgatan? " + "x ".repeat(200_000) });
  assert.equal(d.enquiry_type, "snorojning");
});

test("an unknown form code falls back to the text, with a note", () => {
  const d = router.route({ form: "NO-SUCH-FORM", text: "Varför har ni inte plogat Storgatan?" });
  assert.equal(d.enquiry_type, "snorojning");
  assert.ok(d.explanation.trace.notes.some((n) => n.includes("formulärkoden")), d.explanation.trace.notes);
});

test("every channel is accepted, and the eservice alias", () => {
  for (const channel of ["phone", "email", "e-service", "eservice", "letter", "visit", "social-media"]) {
    firstLine(router.route({ text: "hej", channel }));
  }
});

test("extra form fields pass through without affecting the route", () => {
  const d = router.route({ text: "Varför har ni inte plogat Storgatan?", fields: { adress: "Storgatan 1", n: [1, { x: true }] } });
  assert.equal(d.enquiry_type, "snorojning");
});

test("undefined fields are ignored like absent ones", () => {
  const d = router.route({ text: undefined, form: undefined });
  assert.equal(d.status, "unmatched");
});
