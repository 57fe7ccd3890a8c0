// The search page in real headless Chromium (Debian's), driven by playwright-core: typing,
// suggestions, results with highlights, a facet, the next page, escaping, and screenshots.
// Run by run.sh, which starts the server and passes HQA_URL and HQA_SCREENSHOTS.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { chromium } = require("playwright-core");

const URL_ = process.env.HQA_URL;
const SHOTS = process.env.HQA_SCREENSHOTS || ".";
let browser;
let dialogs = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.HQA_CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { if (browser) await browser.close(); });

async function openPage(viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("dialog", async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  await page.goto(URL_);
  return page;
}

async function resultTitles(page) {
  return page.$$eval(".result h2", (nodes) => nodes.map((n) => n.textContent));
}

test("typing a question shows ranked results with highlighted words", async () => {
  const page = await openPage({ width: 1280, height: 900 });
  await page.locator("#q").pressSequentially("is measles contagious", { delay: 30 });
  await page.waitForSelector(".result");
  await page.waitForFunction(() => document.querySelector(".result h2")?.textContent.includes("Measles"));
  const titles = await resultTitles(page);
  assert.match(titles[0], /Measles/);
  const marks = await page.$$eval(".result:first-child mark", (nodes) => nodes.map((n) => n.textContent));
  assert.ok(marks.some((m) => /measles/i.test(m)), `marks: ${marks}`);
  const meta = await page.textContent(".result:first-child .meta");
  assert.match(meta, /Measles/);
  assert.match(meta, /Updated \d{4}-\d{2}-\d{2}/);
  await page.screenshot({ path: path.join(SHOTS, "desktop-results.png"), fullPage: true });
  await page.context().close();
});

test("typing diab shows diabetes answers, and no older prefix's answer replaces a newer one", async () => {
  const page = await openPage({ width: 1280, height: 900 });
  // The answer for "dia" is held back until long after the one for "diab": it must not land.
  const asked = [];
  await page.route("**/search?*", async (route) => {
    const q = new URL(route.request().url()).searchParams.get("q");
    asked.push(q);
    if (q === "dia") await new Promise((resolve) => setTimeout(resolve, 1200));
    try { await route.continue(); } catch { /* aborted by the page: a newer search started */ }
  });
  await page.click("#q");
  for (const key of "diab") {
    await page.keyboard.type(key);  // one character at a time, with room for a search after each
    await page.waitForTimeout(250);
  }
  await page.waitForFunction(() => document.querySelector("#results")?.dataset.query === "diab");
  const titles = await resultTitles(page);
  assert.ok(titles.length > 0 && /diabetes/i.test(titles[0]), `titles: ${titles}`);
  const marks = await page.$$eval(".result:first-child mark", (nodes) => nodes.map((n) => n.textContent));
  assert.ok(marks.some((m) => /^diabet/i.test(m)), `marks: ${marks}`);
  assert.ok(asked.includes("dia") && asked.includes("diab"), `asked: ${asked}`);
  assert.equal(await page.$("#didyoumean:not([hidden])"), null, "an unfinished word is not misspelled");
  await page.waitForTimeout(1500);  // past the held-back answer
  assert.equal(await page.$eval("#results", (n) => n.dataset.query), "diab");
  assert.deepEqual(await resultTitles(page), titles);
  await page.screenshot({ path: path.join(SHOTS, "typing-diab.png"), fullPage: false });
  await page.context().close();
});

test("suggestions complete condition names and can be chosen with the keyboard", async () => {
  const page = await openPage({ width: 1280, height: 900 });
  await page.locator("#q").pressSequentially("hunting", { delay: 40 });
  await page.waitForSelector("#suggestions li");
  const options = await page.$$eval("#suggestions li", (nodes) => nodes.map((n) => n.textContent));
  assert.ok(options.includes("Huntington's disease"), `suggestions: ${options}`);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".result h2")?.textContent.includes("Huntington"));
  assert.equal(await page.inputValue("#q"), options[0]);
  await page.context().close();
});

test("a facet narrows the results and the next page shows the following ones", async () => {
  const page = await openPage({ width: 1280, height: 900 });
  await page.fill("#q", "disease symptoms treatment");
  await page.press("#q", "Enter");
  await page.waitForSelector("nav.pages button");
  const firstPage = await resultTitles(page);
  assert.equal(firstPage.length, 10);
  await page.click("nav.pages >> text=Next ›");
  await page.waitForFunction((before) => document.querySelector(".result h2")?.textContent !== before, firstPage[0]);
  const secondPage = await resultTitles(page);
  assert.ok(secondPage.length > 0);
  assert.ok(secondPage.every((t) => !firstPage.includes(t)), "page 2 repeats page 1");
  assert.match(page.url(), /page=2/);

  await page.check('input[data-field="type"][value="inheritance"]');
  await page.waitForFunction(() => [...document.querySelectorAll(".result .tag")].every((n) => n.textContent === "inheritance")
    && document.querySelectorAll(".result").length > 0);
  const tags = await page.$$eval(".result .tag", (nodes) => nodes.map((n) => n.textContent));
  assert.ok(tags.length > 0 && tags.every((t) => t === "inheritance"), `tags: ${tags}`);
  assert.match(page.url(), /filter=type%3Ainheritance/);
  await page.context().close();
});

test("hostile document text renders as inert text", async () => {
  const page = await openPage({ width: 1280, height: 900 });
  await page.fill("#q", "zzhostile");
  await page.press("#q", "Enter");
  await page.waitForSelector(".result");
  const title = await page.textContent(".result h2");
  assert.match(title, /<script>/);
  assert.equal(await page.$$eval(".result script, .result img", (n) => n.length), 0);
  const href = await page.getAttribute(".result h2 a", "href");
  assert.ok(!href.startsWith("javascript:"), href);
  await page.waitForTimeout(300);
  assert.deepEqual(dialogs, []);
  await page.context().close();
});

test("on a phone the layout fits the width", async () => {
  const page = await openPage({ width: 390, height: 844 });
  await page.fill("#q", "how is asthma treated");
  await page.press("#q", "Enter");
  await page.waitForSelector(".result");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: path.join(SHOTS, "phone-results.png"), fullPage: false });
  await page.context().close();
});
