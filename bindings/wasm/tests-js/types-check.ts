// Type-checked (never run) by `tsc -p tsconfig.json`: uses the shipped
// declarations of both builds the way an e-service form would.
import init, { Router as WebRouter } from "../pkg/kommunlots_wasm.js";
import {
  Router,
  version,
  type Decision,
  type Department,
  type Diagnostic,
  type Enquiry,
  type EnquiryError,
  type EnquiryType,
  type RuleSetError,
  type Step,
  type TestOutcome,
} from "../pkg-node/kommunlots_wasm.js";

const router = new Router({ "municipality.toml": "", "departments/teknik.toml": "" });
const enquiry: Enquiry = { text: "Varför har ni inte plogat Storgatan?", channel: "e-service", form: null };
const decision: Decision = router.route(enquiry);
const department: string = decision.department;
const level: number | null = decision.rosa_level;
const due: string | null = decision.path[0]?.due ?? null;
const steps: Step[] = decision.path;
const firstLine: boolean = decision.first_line;
const why: string = decision.explanation.text;
const policy: "level-5-6-department" | string = decision.explanation.trace.policy;
const at: Decision = router.routeAt({}, new Date());
const warnings: Diagnostic[] = router.check();
const line: number = warnings[0]!.location.line;
const outcomes: TestOutcome[] = router.runTests();
const categories: { value: string; label: string }[] = router
  .enquiryTypes()
  .filter((t: EnquiryType) => t.form_codes.length > 0 && !t.confidential)
  .map((t) => ({ value: t.form_codes[0]!, label: `${t.name} (${t.department_name}, nivå ${t.rosa_level})` }));
const departments: Department[] = router.departments();
const v: string = version() + Router.version() + router.municipality + router.typeCount;

try {
  new Router(new Map([["municipality.toml", ""]]));
} catch (e) {
  const err = e as RuleSetError;
  const where: string = `${err.file ?? "?"}:${err.line}:${err.column}: ${err.message}`;
  const all: Diagnostic[] = err.diagnostics;
  void where, all;
}
try {
  router.route({ text: "x" });
} catch (e) {
  const field: string | null = (e as EnquiryError).field;
  void field;
}

// The types are real, not `any`:
// @ts-expect-error an unknown enquiry field
router.route({ txt: "snö" });
// @ts-expect-error an unknown channel
router.route({ channel: "fax" });
// @ts-expect-error text must be a string
router.route({ text: 5 });
// @ts-expect-error rosa_level may be null
decision.rosa_level.toFixed();
// @ts-expect-error no such field on a decision
decision.departmentName;
// @ts-expect-error the ROSA level of a type is a number, never null
const typeLevel: string = router.enquiryTypes()[0]!.rosa_level;

async function web(): Promise<Decision> {
  await init();
  return new WebRouter({}).route({ text: "bygglov" });
}

void categories, departments, typeLevel, department, level, due, steps, firstLine, why, policy, at, line, outcomes, v, web;
