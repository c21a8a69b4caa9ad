// Firefox ESR through puppeteer-core over WebDriver BiDi, driven from Python (pipeline/engines.py):
// one JSON request a line on stdin, one JSON answer a line on stdout, in order.
//   node firefox_bridge.mjs <profile-free scratch dir for downloads>
// Requests: {op: "page"} (a new browser context and its page, closing the last), {op: "goto", url},
// {op: "reload"}, {op: "evaluate", source, arg},
// {op: "script", source}, {op: "click", selector}, {op: "files", selector, paths},
// {op: "close"}. Answers: {ok: value} or {error: message}.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const [downloads] = process.argv.slice(2);
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: "/usr/bin/firefox-esr",
  protocol: "webDriverBiDi",
  headless: true,
  // Downloads go to the given folder without asking (the tests read them back from there).
  extraPrefsFirefox: {
    "browser.download.folderList": 2,
    "browser.download.dir": downloads,
    "browser.download.useDownloadDir": true,
    "browser.download.always_ask_before_handling_new_types": false,
    "browser.download.start_downloads_in_tmp_dir": false,
  },
});
let context = null;
let page = null;

const ops = {
  async page() {
    if (context) await context.close();
    context = await browser.createBrowserContext();
    page = await context.newPage();
    page.setDefaultTimeout(0); // the Python side owns every deadline
    page.setDefaultNavigationTimeout(0);
  },
  goto: ({ url }) => page.goto(url, { waitUntil: "load" }).then(() => null),
  reload: () => page.reload({ waitUntil: "load" }).then(() => null),
  // source: a JS function's text, called with arg; its (awaited) value comes back as JSON.
  evaluate: ({ source, arg }) => page.evaluate(`(${source})(${JSON.stringify(arg ?? null)})`),
  // source: a script, run for its effect.
  script: ({ source }) => page.evaluate(`${source}\n;null`),
  click: ({ selector }) => page.click(selector),
  async files({ selector, paths }) {
    const input = await page.$(selector);
    if (!input) throw new Error(`no ${selector}`);
    await input.uploadFile(...paths);
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const request = JSON.parse(line);
  if (request.op === "close") break;
  let answer;
  try {
    answer = { ok: (await ops[request.op](request)) ?? null };
  } catch (error) {
    answer = { error: String(error?.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
await browser.close();
