// The site's service worker: a versioned offline copy of this build, and nothing else.
// pipeline/offline.py writes MANIFEST above: {version, pages, runtime, lazy}, each {path: rev}, where a
// rev is the start of the file's SHA-256, so a file is only ever cached if it is this build's; and
// wheels {package: path}, the lazy group's wheels by the package names a page loads them by.
// - pages: the reading pages and their assets, cached when the worker installs;
// - runtime: Pyodide and the rules wheel, cached only when a page that runs the rules asks for it
//   (the docs pages must not download Pyodide), with the wheels that page loads (the batch page's
//   spreadsheet libraries);
// - lazy: files few visitors need (search's word splitters for other languages, the wheels the page
//   loads on demand, e.g. odfpy for an ODT form), cached when used.
// A new build is a new sw.js; the browser installs it beside the old one and switches once no page of
// the old build is open, so a page never mixes two builds, or sooner when a page's 「網站已更新」 notice
// asks for it ({type: "skip-waiting"}; that page then reloads). Then the old build's cache is deleted.
"use strict";

const SCOPE = self.registration.scope;
const PREFIX = "elearn " + SCOPE + " ";
const CACHE = PREFIX + MANIFEST.version;
const REV = new Map([MANIFEST.pages, MANIFEST.runtime, MANIFEST.lazy].flatMap(Object.entries));
// Request URL (no query) -> manifest path; "x/index.html" is the same page as "x/".
const PATHS = new Map();
for (const path of REV.keys()) {
  PATHS.set(new URL(path, SCOPE).href, path);
  if (path.endsWith("/")) PATHS.set(new URL(path + "index.html", SCOPE).href, path);
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// This build's copy of one file: reused from an older cache when unchanged, else fetched and verified.
async function thisBuilds(path) {
  const url = new URL(path, SCOPE).href;
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    const old = await (await caches.open(name)).match(url);
    if (old && old.headers.get("X-Rev") === REV.get(path)) return old;
  }
  return verified(path, await fetch(url, { cache: "no-cache" }));
}

// The response as a cacheable copy, if it is this build's file; else an error.
async function verified(path, response) {
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if (!hex(await crypto.subtle.digest("SHA-256", body)).startsWith(REV.get(path))) {
    throw new Error(`${path}: not this build's file (the server holds another version)`);
  }
  const headers = { "Content-Type": response.headers.get("Content-Type") || "", "X-Rev": REV.get(path) };
  return new Response(body, { status: 200, headers });
}

async function cacheAll(paths) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const path of paths) {
    if (!(await cache.match(new URL(path, SCOPE).href))) missing.push(path);
  }
  await Promise.all(missing.map(async (path) => cache.put(new URL(path, SCOPE).href, await thisBuilds(path))));
}

// A package's name as the manifest's wheels are keyed (PEP 503: et_xmlfile, XlsxWriter -> et-xmlfile, xlsxwriter).
function canonical(name) {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

// The paths of the wheels of these packages; an error for a package this build has no wheel of.
function wheelPaths(packages) {
  return packages.map((name) => {
    const path = MANIFEST.wheels[canonical(name)];
    if (!path) throw new Error(`${name}: no such wheel in this build`);
    return path;
  });
}

// Someone who used a checking page offline keeps it across builds: a new build caches the runtime too if
// an older cache held it, and each wheel whose package an older cache held (at whatever version).
async function keptBefore() {
  const runtime = new Set(Object.keys(MANIFEST.runtime).map((path) => new URL(path, SCOPE).href));
  let hadRuntime = false;
  const packages = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) continue;
    for (const request of await (await caches.open(name)).keys()) {
      hadRuntime ||= runtime.has(request.url);
      const file = request.url.slice(request.url.lastIndexOf("/") + 1);  // name-version-tags.whl
      if (file.endsWith(".whl") && canonical(file.split("-")[0]) in MANIFEST.wheels) packages.add(file.split("-")[0]);
    }
  }
  return [...(hadRuntime ? Object.keys(MANIFEST.runtime) : []), ...wheelPaths([...packages])];
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await cacheAll([...Object.keys(MANIFEST.pages), ...(await keptBefore())]);
  })());
});

// No clients.claim(): a page keeps the network it started with (a checker page's worker may be
// mid-way through loading Pyodide); the worker serves the pages opened after it.
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
  })());
});

// A page that runs the rules posts {type: "cache-runtime", packages: [the extra wheels it loads]} with a
// port, once its rules are ready; a page whose reader chose to reload now posts {type: "skip-waiting"} to
// this worker while it waits.
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") {
    self.skipWaiting();
    return;
  }
  if (!event.data || event.data.type !== "cache-runtime" || !event.ports[0]) return;
  const port = event.ports[0];
  const kept = (async () => cacheAll([...Object.keys(MANIFEST.runtime), ...wheelPaths(event.data.packages || [])]))();
  event.waitUntil(kept.then(
    () => port.postMessage({ type: "cached", version: MANIFEST.version }),
    (error) => port.postMessage({ type: "failed", message: String(error) }),
  ));
});

// Cache first for this build's files (a miss is fetched, and kept if it is this build's);
// everything else goes to the network untouched.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const path = PATHS.get(url.origin + url.pathname);
  if (path === undefined) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(new URL(path, SCOPE).href);
    if (cached) return cached;
    const response = await fetch(request);
    event.waitUntil(verified(path, response.clone()).then(
      (copy) => cache.put(new URL(path, SCOPE).href, copy),
      () => {},  // not this build's, or an error page: serve it, don't keep it
    ));
    return response;
  })());
});
