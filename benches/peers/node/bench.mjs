// json-rules-engine side of the kommunlots peer benchmark.
//
// Usage: node bench.mjs <generated dir> <seconds>
// Reads jre-rules.json (rules generated from the Klippan rule set by
// `peer-bench generate`), spec.json (policy and type departments) and
// corpus.json, routes every enquiry, and prints one JSON object: the
// department of each enquiry, in corpus order, and the mean time per
// enquiry (process.hrtime.bigint over whole passes after a warm-up).
// Each enquiry's time includes normalising its text, engine.run() and the
// scoring of the rules that fired, the same steps the Rust harness times for
// zen-engine.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Engine } from 'json-rules-engine';

const [dir, secondsArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node bench.mjs <generated dir> [seconds]');
  process.exit(2);
}
const seconds = Number(secondsArg ?? '3');
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const rules = read('jre-rules.json');
const spec = read('spec.json');
const streetSuffixes = spec.policy.street_suffixes; // normalised, from municipality.toml
const englishEndings = new Set(spec.policy.english_endings);
const englishEndingsAfterDoubling = new Set(spec.policy.english_endings_after_doubling);
const englishEndingsAfterSilentE = new Set(spec.policy.english_endings_after_silent_e);
const corpus = read('corpus.json');
const swedishWords = new Set(spec.policy.swedish_words);
const plainWords = new Set(spec.policy.plain_words);
const englishWords = new Set(spec.policy.english_words);

// kommunlots' normalisation: NFC, lower case, every run of characters that
// are not letters or digits one space, a space at each end.
function normalize(text) {
  const s = text.normalize('NFC').toLowerCase().replace(/[^\p{Alphabetic}\p{N}]+/gu, ' ');
  return (s.startsWith(' ') ? '' : ' ') + s + (s.endsWith(' ') || s === '' ? '' : ' ');
}

// kommunlots' reading of a text: normalised text with none of å, ä and ö,
// and one of the everyday Swedish or plain words or none of the English
// ones; or with them, and a plain word before the first or after the last,
// or between them with at most four letters of U+00C0–U+00FF from the
// first to the last (NAME_LETTERS in core/src/text/unaccented.rs).
// Only then are the terms with the letters also searched written with a
// and o.
function isPlain(text) {
  const plainWord = (t) => t.split(' ').some((w) => plainWords.has(w));
  const first = text.search(/[åäö]/);
  if (first >= 0) {
    const last = Math.max(text.lastIndexOf('å'), text.lastIndexOf('ä'), text.lastIndexOf('ö'));
    const middle = text.slice(first, last + 1);
    const latin1 = (middle.match(/[\u00c0-\u00ff]/g) || []).length;
    return (
      plainWord(text.slice(0, first)) ||
      plainWord(text.slice(last + 1)) ||
      (latin1 <= 4 && plainWord(middle))
    );
  }
  return readsSwedish(text);
}

// Whether the words of normalised text read as Swedish: one of the
// everyday Swedish or plain words, or none of the English ones.
function readsSwedish(text) {
  const words = text.split(' ');
  return (
    words.some((w) => swedishWords.has(w) || plainWords.has(w)) ||
    !words.some((w) => englishWords.has(w))
  );
}

// kommunlots' second look: a text with the letters, not read plain, whose
// words read as Swedish, and in which no type was chosen, is read again
// as typed without them.
function takesSecondLook(text) {
  return /[åäö]/.test(text) && !isPlain(text) && readsSwedish(text);
}

// How the enquiry being routed is read: set before each run, as the
// operator below asks once per shadowed term and sees only the text.
let plainReading = false;

const engine = new Engine([], { allowUndefinedFacts: true });

// kommunlots' phrase_end: where a term ends, given that its first stem ended
// at `pos`; each further stem must start the next word or one of the `gap`
// words after it, the nearest place first (and with `innerRests`, an
// English term's, each word passed must go on as an English word does). -1
// when it does not.
function phraseEnd(text, pos, rest, innerRests, gap = 0, i = 0) {
  if (i === rest.length) return text[pos - 1] === ' ' ? pos - 1 : pos;
  let at = pos;
  if (text[pos - 1] !== ' ') {
    const space = text.indexOf(' ', pos);
    if (space < 0) return -1;
    if (innerRests && englishWordEnd(text, pos, innerRests[i]) < 0) return -1;
    at = space + 1;
  }
  for (let skipped = 0; skipped <= gap; skipped++) {
    if (text.startsWith(rest[i], at)) {
      const end = phraseEnd(text, at + rest[i].length, rest, innerRests, gap, i + 1);
      if (end >= 0) return end;
    }
    if (skipped < gap) {
      const space = text.indexOf(' ', at);
      if (space < 0) return -1;
      at = space + 1;
    }
  }
  return -1;
}

// kommunlots' in_street_name: a term found within one word that ends with a
// street suffix, wholly before it (the address, not the subject). Offsets
// are UTF-16 units here, bytes in Rust; the comparison is the same.
function inStreetName(text, start, end) {
  if (text.slice(start, end).includes(' ')) return false;
  const space = text.indexOf(' ', end);
  const wordEnd = space < 0 ? text.length : space;
  const word = text.slice(0, wordEnd);
  return streetSuffixes.some((s) => word.endsWith(s) && end + s.length <= wordEnd);
}

// kommunlots' is_english_ending: what follows an English term's stem in
// its last word is an English ending, or its last letter again and one;
// `es` only after s, x, z, h or o.
function englishEnding(found, rest) {
  if (rest === 'es') return /[sxzho]$/.test(found);
  if (englishEndings.has(rest)) return true;
  const last = [...found].pop();
  return rest.length > 1 && last === rest[0] && englishEndingsAfterDoubling.has(rest.slice(1));
}

// The rest of the word in which `end` falls.
function wordRest(text, end) {
  const space = text.indexOf(' ', end);
  return text.slice(end, space < 0 ? text.length : space);
}

// kommunlots' ends_in_english: the word in which `end` falls goes on with
// an English ending.
function endsInEnglish(text, end) {
  return englishEnding(text.slice(0, end), wordRest(text, end));
}

// kommunlots' english_word_end: where an English word whose stem was found
// up to `found` ends, with `rest` what the term's word has after its stem;
// -1 when the text's word does not go on as an English word does.
function englishWordEnd(text, found, rest) {
  const covered = text.startsWith(rest, found);
  if (covered && endsInEnglish(text, found + rest.length)) return found + rest.length;
  if (rest === 'e') return englishEndingsAfterSilentE.has(wordRest(text, found)) ? found : -1;
  return !covered && endsInEnglish(text, found) ? found : -1;
}

// kommunlots' Owner::word_end: where an occurrence whose last stem ends at
// `stemEnd` ends, past the written rest where the text has it; -1 where an
// English term's word does not go on as an English word does.
function wordEnd(text, term, stemEnd) {
  if (term.english) return englishWordEnd(text, stemEnd, term.writtenRest);
  return text.startsWith(term.writtenRest, stemEnd) ? stemEnd + term.writtenRest.length : stemEnd;
}

// Where a term occurs in the text, as [start, end] spans (kommunlots'
// matcher: from the word its first stem starts to the end of its last stem,
// and on over the rest of its last word as written where the text has it).
function occurrences(text, term) {
  const spans = [];
  if (term.guards && !term.guards.every((g) => text.includes(g))) return spans;
  const wordStart = term.needle.startsWith(' ') ? 1 : 0;
  for (let at = text.indexOf(term.needle); at >= 0; at = text.indexOf(term.needle, at + 1)) {
    const stemEnd = phraseEnd(text, at + term.needle.length, term.rest, term.english ? term.innerRests : null, term.gap);
    if (stemEnd < 0) continue;
    const end = wordEnd(text, term, stemEnd);
    if (end < 0) continue;
    if (!inStreetName(text, at + wordStart, end)) spans.push([at + wordStart, end]);
  }
  return spans;
}

// The one custom operator: the term occurs in the text (its first stem,
// after a space unless it is a compound stem, and its further stems at the
// starts of the following words), and at least once outside every longer
// term that contains it (kommunlots' longest term wins).
engine.addOperator('containsStem', (text, term) => {
  if (typeof text !== 'string' || !text.includes(term.needle)) return false;
  const spans = occurrences(text, term);
  if (spans.length === 0) return false;
  const shadows = shadowLists[term.shadowList] ?? [];
  if (shadows.length === 0) return true;
  // A plain spelling is searched, and hides, only in a plain text.
  const longer = shadows
    .filter((s) => plainReading || !s.plain)
    .flatMap((s) => occurrences(text, s));
  return spans.some(
    ([start, end]) => !longer.some(([s, e]) => s <= start && e >= end && (s < start || e > end)),
  );
});
// Each term's shadows are kept beside the rules, not in them: the engine
// deep-copies every rule's conditions into its result on every run
// (`RuleResult`), and since a phrase with a gap is a shadow of every term
// (some 55 per term on Klippan), that copy took most of the run's time.
// The operator looks the list up by its index; what it computes is the
// same.
const shadowLists = [];
for (const rule of rules) {
  for (const condition of rule.conditions.all ?? []) {
    if (condition.operator === 'containsStem') {
      condition.value.shadowList = shadowLists.push(condition.value.shadows ?? []) - 1;
      delete condition.value.shadows;
    }
  }
}
for (const rule of rules) engine.addRule(rule);

const { min_score: minScore, ambiguity_ratio: ratio, first_line: firstLine } = spec.policy;
const departments = spec.types.map((t) => t.department);

// kommunlots' policy over the rules that fired (see search::decide in
// Rust): the department, and how it was decided ('chosen', 'tie' or
// 'none').
function decide(events) {
  const scores = new Map();
  const negative = new Set();
  for (const { params: p } of events) {
    if (p.form) return [departments[p.ty], 'chosen'];
    if (p.neg) negative.add(p.ty);
    else scores.set(p.ty, (scores.get(p.ty) ?? 0) + p.w);
  }
  const scored = [...scores].filter(([ty, s]) => !negative.has(ty) && s > 0);
  scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  if (scored.length === 0 || scored[0][1] < minScore) return [firstLine, 'none'];
  if (scored.length > 1 && scored[1][1] >= scored[0][1] * ratio) return [firstLine, 'tie'];
  return [departments[scored[0][0]], 'chosen'];
}

// Whether a second reading that decided `second` does better than a first
// that decided `first`, as kommunlots keeps it.
function bettered(first, second) {
  if (first === 'none') return second !== 'none';
  return first === 'tie' && second === 'chosen';
}

async function route(enquiry) {
  const facts = {
    text: normalize(enquiry.text ?? ''),
    form: (enquiry.form ?? '').trim().toUpperCase(),
    channel: enquiry.channel ?? 'none',
  };
  plainReading = isPlain(facts.text);
  facts.plain = plainReading;
  const [department, first] = decide((await engine.run(facts)).events);
  if (first !== 'chosen' && takesSecondLook(facts.text)) {
    plainReading = true;
    facts.plain = true;
    const [again, second] = decide((await engine.run(facts)).events);
    if (bettered(first, second)) return again;
  }
  return department;
}

const results = [];
for (const e of corpus) results.push(await route(e));
// Warm-up: two passes.
for (let pass = 0; pass < 2; pass++) for (const e of corpus) await route(e);

let passes = 0n;
const start = process.hrtime.bigint();
const budget = BigInt(Math.round(seconds * 1e9));
let elapsed = 0n;
let sink = 0;
do {
  for (const e of corpus) sink += (await route(e)).length;
  passes += 1n;
  elapsed = process.hrtime.bigint() - start;
} while (elapsed < budget || passes < 3n);

const require = createRequire(import.meta.url);
const { version } = require('json-rules-engine/package.json');
process.stdout.write(
  JSON.stringify({
    departments: results,
    mean_ns: Number(elapsed) / Number(passes) / corpus.length,
    passes: Number(passes),
    node: process.version,
    engine: version,
    sink,
  }) + '\n',
);
