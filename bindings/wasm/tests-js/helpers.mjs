// Shared helpers for the node tests: the nodejs build and the Klippan rules.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, "..", "..", "..");
export const pkgNode = join(here, "..", "pkg-node");

const require = createRequire(import.meta.url);
/** The nodejs build of the binding (bindings/wasm/pkg-node), loaded through its package.json. */
export const kl = require(pkgNode);

/** Every `.toml` file under `dir`, as {relative/path.toml: text}. */
export function readRuleSet(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".toml")) files[relative(dir, p).split("\\").join("/")] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return files;
}

/** The Klippan rule set from rules/klippan, read fresh from disk. */
export const klippanFiles = () => readRuleSet(join(repoRoot, "rules", "klippan"));

/** A small valid rule set to break in tests. */
export const MUNICIPALITY = `[municipality]
name = "Testkommun"

[first_line]
id = "kundtjanst"
name = "Kundtjänst"
handler = "kundtjanst"

[[first_line.unit]]
id = "kundtjanst"
name = "Kundtjänsten"
`;

export const TEKNIK = `# Tekniska förvaltningen (test)
[department]
id = "teknik"
name = "Tekniska förvaltningen"

[[unit]]
id = "teknik-gata"
name = "Gata och park"

[[type]]
id = "snorojning"
name = "Snöröjning"
level = 1
unit = "teknik-gata"
frequency = "daily"
keywords = ["snöröjning", "ploga"]

[[test]]
name = "plogning"
text = "Kan ni ploga vår gata?"
expect = { type = "snorojning" }
`;

/** Expects `fn` to throw; returns the thrown value. */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected an exception, got none");
}
