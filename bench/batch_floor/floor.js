// The batch floor (bench/batch.py): the site's rules_py, in bare workers started the site's way (the same
// snapshot, rules-client.js), checking a batch's jobs with nothing around them: each worker gets its share
// of the jobs in one message and answers once. The batch page is judged against this.
import { startRules } from "../checker/rules-client.js";

const MODULE = "rules_py.batch.page";
let workers = [];

// n workers, as many as the batch page starts; resolves once all are ready.
window.floorStart = (n) => {
  workers = Array.from({ length: n }, () => startRules());
  return Promise.all(workers.map((w) => w.ready.then(() => w.call(MODULE, "read_limit")))).then(() => n);
};

// The chosen files prepared by the first worker (not timed: the page's preparing is its own cost), then
// every job checked twice, the second time timed: from handing out the shares to the last answer. (The page's
// workers have run a while before its batch, so the browser has compiled their hot WebAssembly fully; the
// first pass does that here, which makes this floor the best case.)
window.floorRun = async () => {
  const chosen = (file) => ({ name: file.name, file });
  const roster = document.getElementById("roster").files[0];
  const files = [...document.getElementById("files").files].map(chosen);
  await workers[0].call(MODULE, "take", [files, true]);
  const total = await workers[0].call(MODULE, "prepare", [roster ? chosen(roster) : null, null]);
  const jobs = await workers[0].call(MODULE, "jobs", [0, total]);
  const shares = workers.map((_, i) => jobs.filter((_, j) => j % workers.length === i));
  const pass = () => Promise.all(shares.map((share, i) => workers[i].call(MODULE, "check", [share])));
  await pass();
  const start = performance.now();
  const answers = await pass();
  return { ms: performance.now() - start, checked: answers.flat().length };
};
