//! Hand-written TypeScript declarations for the values that cross the
//! boundary as plain objects. wasm-bindgen would type them `any`; these
//! follow the serde types of the core field for field (`core/src/decision.rs`,
//! `core/src/diagnostic.rs`, `core/src/testing.rs`). The node tests compare
//! them with real objects, so a field added to the core without being added
//! here fails a test.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** The rule files of a rule set: path (`municipality.toml`, `departments/<id>.toml`) to TOML text. */
export type RuleFiles = Record<string, string> | Map<string, string>;

/** A way an enquiry reaches the municipality. (`"eservice"` is accepted as input too.) */
export type Channel = "phone" | "email" | "e-service" | "letter" | "visit" | "social-media";

/** The caller's id of an enquiry, echoed in its decision. Numbers must be integers. */
export type EnquiryId = string | number;

/** An enquiry from a citizen. Every field is optional; unknown fields are rejected. */
export interface Enquiry {
  /** The caller's id, echoed in the decision. */
  id?: EnquiryId | null;
  /** How the enquiry arrived. */
  channel?: Channel | "eservice" | null;
  /** The citizen's own words. */
  text?: string | null;
  /** The e-service form code, when it came through a form. */
  form?: string | null;
  /** When it was received (RFC 3339, with offset). */
  received_at?: string | null;
  /** The language the citizen wrote in (`sv`, `en`), if known. */
  language?: string | null;
  /** Other form fields: passed to the host, not used for routing. */
  fields?: Record<string, unknown> | null;
}

/** Whether a type was recognised. */
export type MatchStatus = "matched" | "ambiguous" | "unmatched";

/** The part a unit plays in a route: `out-of-hours` is a duty service that takes an urgent type first while the others are closed. */
export type StepRole = "out-of-hours" | "first-line" | "owner" | "escalation";

/** What recognised an enquiry type. */
export type MatchVia = "form" | "text" | "none";

/** Which list a matched term came from. */
export type TermKind = "keyword" | "phrase";

/** The step of the ROSA policy that placed an enquiry. */
export type PolicyStep =
  | "level-1-2-first-line"
  | "frequent-level-3-4-first-line"
  | "rare-level-3-4-department"
  | "above-max-level-department"
  | "level-5-6-department"
  | "override-first-line"
  | "override-department"
  | "unmatched-fallback"
  | "ambiguous-first-line";

/** One step of a route. */
export interface Step {
  /** The unit's id. */
  unit: string;
  /** The unit's name. */
  unit_name: string;
  /** The part the unit plays. */
  role: StepRole;
  /** When this step must be done (RFC 3339 with the municipality's offset), `null` when no target applies. */
  due: string | null;
}

/** A type that scored, listed so a person can see the alternatives. */
export interface Candidate {
  /** The type's id. */
  enquiry_type: string;
  /** The type's Swedish name. */
  name: string;
  /** Its department's id. */
  department: string;
  /**
   * The sum of its matched terms' weights (1000 for a form code); for a
   * type listed because of near spellings, the weights of those terms.
   */
  score: number;
  /** Its terms found in the text (empty for a form code). */
  terms: MatchedTerm[];
}

/** A rule term found in the enquiry. */
export interface MatchedTerm {
  /** The term as written in the rule file. */
  term: string;
  /** Keyword or phrase. */
  kind: TermKind;
  /** Its weight. */
  weight: number;
  /**
   * Present (true) when the term is not in the text as written but a word
   * of it misses the term by one letter. It counts only where the word
   * holds a shorter term that this one spans ("eldningförbud" is read as
   * `eldningsförbud`); otherwise it is only among the candidates of an
   * unmatched enquiry.
   */
  near_spelling?: boolean;
}

/** How the decision was reached. */
export interface Trace {
  /** The rule that decided, as `file#type`. */
  rule: string | null;
  /** What recognised the type. */
  via: MatchVia;
  /** The terms of the chosen type found in the text. */
  terms: MatchedTerm[];
  /** The chosen type's score. */
  score: number;
  /** Which step of the ROSA policy placed the enquiry. */
  policy: PolicyStep;
  /**
   * Anything else worth knowing, in Swedish: an unknown form code, a
   * truncated text, a text read as typed without å, ä and ö (the terms
   * listed then have letters the text does not).
   */
  notes: string[];
}

/** Why a decision was made: one Swedish sentence and a structured trace. */
export interface Explanation {
  /** One plain Swedish sentence for the citizen or the case officer. */
  text: string;
  /** The steps behind it, for people who maintain the rules. */
  trace: Trace;
}

/** The route of one enquiry: who owns it, who takes it first, by when, and why. */
export interface Decision {
  /** The enquiry's id, echoed. */
  id: EnquiryId | null;
  /** Matched, ambiguous or unmatched. */
  status: MatchStatus;
  /** True when exactly one enquiry type was recognised. */
  matched: boolean;
  /** The recognised type's id. */
  enquiry_type: string | null;
  /** The recognised type's Swedish name. */
  enquiry_type_name: string | null;
  /** The owning department's id (the first line's id when nothing matched). */
  department: string;
  /** The owning department's name. */
  department_name: string;
  /** The owning unit's id. */
  unit: string;
  /** The owning unit's name. */
  unit_name: string;
  /** The ROSA level (1–6) of the recognised type. */
  rosa_level: number | null;
  /** True when the first-line customer service handles the enquiry (the ROSA policy's answer, whatever the time of day). */
  first_line: boolean;
  /** The unit that takes the enquiry first: the first step of `path` (a type's duty service while the others are closed). */
  handler: string;
  /** The handler's name. */
  handler_name: string;
  /** Whether the enquiry is covered by secrecy. */
  confidential: boolean;
  /** The law behind the secrecy or the decision. */
  legal_reference: string | null;
  /** The channel the enquiry came by, echoed. */
  channel: Channel | null;
  /** When the enquiry was received (RFC 3339 with the municipality's offset): its `received_at`, else the routing time. Deadlines count from here. */
  received_at: string | null;
  /** The route's steps, first handler first. */
  path: Step[];
  /** Values for the host system from the type's `external` table. */
  external: Record<string, unknown>;
  /** The best-scoring types, best first (at most three). */
  candidates: Candidate[];
  /** Why the enquiry goes where it goes. */
  explanation: Explanation;
}

/** How serious a diagnostic is. */
export type Severity = "warning" | "error";

/** What kind of problem a diagnostic reports (stable names). */
export type DiagnosticKind =
  | "io"
  | "syntax"
  | "type"
  | "unknown-key"
  | "invalid-value"
  | "unknown-reference"
  | "duplicate"
  | "policy"
  | "unrecognisable"
  | "keyword-conflict"
  | "untested"
  | "cycle"
  | "missing"
  | "limit";

/** Where in a rule file a diagnostic points. */
export interface Location {
  /** The file, relative to the rule set (`departments/teknik.toml`). */
  file: string;
  /** 1-based line number. */
  line: number;
  /** 1-based column, in characters. */
  column: number;
  /** The whole source line, without its line break. */
  source_line: string;
  /** Width of the offending text, in characters (at least 1). */
  width: number;
}

/** One problem found in a rule set. */
export interface Diagnostic {
  /** Error or warning. */
  severity: Severity;
  /** What kind of problem this is. */
  kind: DiagnosticKind;
  /** What is wrong, in one sentence. */
  message: string;
  /** What the user can do about it, when known (absent otherwise). */
  help?: string;
  /** Where the problem is. */
  location: Location;
}

/** What a test case expects; `null` fields are not checked. */
export interface Expectation {
  enquiry_type: string | null;
  department: string | null;
  unit: string | null;
  handler: string | null;
  level: number | null;
  first_line: boolean | null;
  confidential: boolean | null;
  matched: boolean | null;
  /** When the path's first step is due (RFC 3339), compared as an instant. */
  first_due: string | null;
}

/** One `[[test]]` case of a department file. */
export interface TestCase {
  /** The file it is in (`departments/teknik.toml`). */
  file: string;
  /** Its name (`snow-clearing-question`). */
  name: string;
  /** 1-based line of the case in its file. */
  line: number;
  /** The enquiry it routes. */
  enquiry: Enquiry;
  /** What the decision must say. */
  expect: Expectation;
}

/** One field where a decision differs from a test case's expectation. */
export interface Mismatch {
  field: string;
  expected: string;
  got: string;
}

/** One enquiry type of the rule set, as `enquiryTypes()` lists it. */
export interface EnquiryType {
  /** The type's id (`snorojning`). */
  id: string;
  /** Its Swedish name. */
  name: string;
  /** The owning department's id. */
  department: string;
  /** The owning department's name. */
  department_name: string;
  /** The owning unit's id. */
  unit: string;
  /** The ROSA level, 1–6. */
  rosa_level: number;
  /** True when the ROSA policy sends it to the first line. */
  first_line: boolean;
  /** Whether it is covered by secrecy. */
  confidential: boolean;
  /** The e-service form codes that select it, upper-cased (may be empty). */
  form_codes: string[];
  /** The law behind its secrecy or decision. */
  legal_reference: string | null;
  /** Values for the host system from its `external` table, as its decisions carry them. */
  external: Record<string, unknown>;
}

/** A department of the rule set, as `departments()` lists it. */
export interface Department {
  /** Its id (`teknik`), the file name under `departments/`. */
  id: string;
  /** Its name (`Tekniska förvaltningen`). */
  name: string;
}

/** The result of running one test case with `runTests()`. */
export interface TestOutcome {
  file: string;
  name: string;
  line: number;
  /** `departments/teknik.toml/snow-clearing-question`. */
  full_name: string;
  passed: boolean;
  mismatches: Mismatch[];
  decision: Decision;
}

/** Thrown by `new Router(files)` when the rule set does not load. */
export interface RuleSetError extends Error {
  name: "RuleSetError";
  /** The first error's kind (`null` only if there is none). */
  kind: DiagnosticKind | null;
  /** The first error's file (`null` when `files` itself was not an object of strings). */
  file: string | null;
  /** The first error's 1-based line (0 when unknown). */
  line: number;
  /** The first error's 1-based column (0 when unknown). */
  column: number;
  /** What to do about the first error, when known. */
  help: string | null;
  /** Every diagnostic rendered like a compiler, with carets. */
  rendered: string;
  /** Every problem found, errors first. */
  diagnostics: Diagnostic[];
}

/** Thrown by `route(enquiry)` when the enquiry is not shaped like an `Enquiry`. */
export interface EnquiryError extends Error {
  name: "EnquiryError";
  /** The offending field's path (`text`, `fields.x`), or `null` for the whole value. */
  field: string | null;
}
"#;
