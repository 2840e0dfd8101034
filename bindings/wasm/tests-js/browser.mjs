// The web form (examples/web-form) in real headless Chromium, driven by
// playwright-core. test.sh serves the form and sets KL_FORM_URL; run alone:
//   KL_FORM_URL=http://127.0.0.1:8000/ node --test browser.mjs
// CHROMIUM (default /usr/bin/chromium) and KL_SCREENSHOT (default
// /tmp/kommunlots-web-form.png) may be set too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const base = process.env.KL_FORM_URL;
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const screenshot = process.env.KL_SCREENSHOT ?? "/tmp/kommunlots-web-form.png";
assert.ok(base, "KL_FORM_URL is not set (test.sh sets it)");

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      // playwright gives the browser a fresh temporary profile itself.
    ],
  });
});
after(async () => {
  await browser?.close();
});

async function open(query = "") {
  const page = await browser.newPage({ viewport: { width: 900, height: 1000 }, locale: "sv-SE" });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(new URL(query, base).href);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 15000 });
  return { page, errors };
}

test("typing an enquiry shows who handles it, the department and why", async () => {
  const { page, errors } = await open();
  assert.equal(await page.evaluate(() => document.body.dataset.ready), "true");
  assert.equal(await page.textContent("#municipality"), "Klippans kommun");
  await page.click("#text");
  await page.keyboard.type("Varför har ni inte plogat Storgatan?", { delay: 5 });
  await page.waitForSelector("#preview-who");
  const who = await page.textContent("#preview-who");
  assert.match(who, /^Ärendet hanteras av Kundtjänsten/);
  assert.equal(await page.getAttribute("#preview-department", "data-department"), "teknik");
  assert.equal(await page.textContent("#preview-department"), "Tekniska förvaltningen");
  assert.equal(await page.textContent("#preview-type"), "Snöröjning och halkbekämpning");
  const why = await page.textContent("#preview-why");
  assert.ok(why.length > 20, why);
  // A deadline, when the core computed one, reads "senast <veckodag> <dag> <månad> kl. HH.MM".
  if (who.includes("senast")) assert.match(who, /senast (måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag) \d{1,2} \p{L}+ kl\. \d{1,2}\.\d{2}/u);
  await page.screenshot({ path: screenshot, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("an appeal goes to the department, and the category select routes by form code", async () => {
  const { page } = await open();
  await page.fill("#text", "Jag vill överklaga beslutet om bygglov");
  await page.waitForFunction(() => document.querySelector("#preview")?.dataset.department === "plan-bygg");
  assert.doesNotMatch(await page.textContent("#preview-who"), /Kundtjänsten/);
  // The categories come from the rules: grouped by department (Klippan has
  // form codes in all 11), one option per type with a form code, each value
  // a form code of its type.
  const groups = await page.$$eval("#category optgroup", (gs) =>
    gs.map((g) => ({ label: g.label, options: [...g.querySelectorAll("option")].map((o) => [o.value, o.textContent]) })),
  );
  assert.equal(groups.length, 11, groups.map((g) => g.label).join(", "));
  const teknik = groups.find((g) => g.label === "Tekniska förvaltningen");
  assert.ok(teknik, groups.map((g) => g.label).join(", "));
  assert.ok(teknik.options.some(([v, name]) => v === "TF-PTRH" && name === "Parkeringstillstånd för rörelsehindrade"));
  const names = groups.map((g) => g.label);
  assert.deepEqual(names, [...names].sort(new Intl.Collator("sv").compare));
  // Keyboard only: focus the category select and pick a form code.
  await page.focus("#category");
  await page.selectOption("#category", "TF-PTRH");
  await page.waitForFunction(() => document.querySelector("#preview")?.dataset.department === "teknik");
  assert.equal(await page.textContent("#preview-type"), "Parkeringstillstånd för rörelsehindrade");
  await page.close();
});

test("a misspelt enquiry asks what it meant, and the answer picks the category", async () => {
  const { page, errors } = await open();
  await page.fill("#text", "Jag behöver hemtjänts till min pappa");
  await page.waitForSelector("#preview-near");
  assert.equal(await page.getAttribute("#preview", "data-department"), "kundtjanst");
  assert.match(await page.textContent("#preview-near"), /^Menade du Ansökan om hemtjänst och trygghetslarm\?/);
  // The suggestion is a button (keyboard reachable) that picks the category.
  await page.focus("#preview-near button");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#preview")?.dataset.department === "social");
  assert.equal(await page.inputValue("#category"), "SOC-HT-01");
  assert.equal(await page.textContent("#preview-type"), "Ansökan om hemtjänst och trygghetslarm");
  assert.equal(await page.$("#preview-near"), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the preview is a polite live region and every control has a label", async () => {
  const { page } = await open();
  assert.equal(await page.getAttribute("#preview", "aria-live"), "polite");
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((c) => !c.labels || c.labels.length === 0 || !c.labels[0].textContent.trim())
      .map((c) => c.id || c.name),
  );
  assert.deepEqual(unlabelled, []);
  // Tab moves through the controls in order.
  await page.focus("#text");
  const order = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => document.activeElement?.id));
  }
  assert.deepEqual(order, ["channel", "category", "submit"]);
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#sent"), /Tack/);
  await page.close();
});

test("a broken rule set shows its error with file:line:column", async () => {
  const { page, errors } = await open("?rules=broken");
  assert.equal(await page.evaluate(() => document.body.dataset.ready), "error");
  assert.equal(await page.isVisible("#rules-error"), true);
  assert.equal(await page.getAttribute("#rules-error", "role"), "alert");
  const message = await page.textContent("#rules-error-message");
  assert.match(message, /^departments\/teknik\.toml:17:1: .*keyword/);
  assert.match(await page.textContent("#rules-error-detail"), /\^/);
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-broken.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
