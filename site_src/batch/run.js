// One batch: the files read, prepared by the first worker (roster, profiles, .zip opened, in Python), each
// record checked by whichever worker is free, then the table assembled. Nothing leaves the device: the
// files are read from the disk and handed to the workers, never sent. Cancel stops handing out records;
// those not checked say so in the table.
import { todayIso } from "../checker/dates.js";

export class Cancelled extends Error {}

// A few files at a time: a thousand reads at once keep the browser busier than this many (about 3x slower).
const READ_LANES = 16;

async function inLanes(items, fn) {
  const out = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }
  await Promise.all(Array.from({ length: READ_LANES }, lane));
  return out;
}

// files: [File-like {name, file}] as chosen; roster: the same or null; attendance: the attendance export
// as read and answered (attendance.js) or null.
// onProgress({done, total, current}) after each record; signal: {cancelled} read between records.
export async function runBatch(pool, files, roster, onProgress, signal, attendance = null) {
  // A huge file is read only up to the limit (rules_py.batch.limits), enough for its row to say "too big".
  const limit = await pool.main.call("read_limit");
  const read = async ({ name, file }) => ({ name, data: new Uint8Array(await file.slice(0, limit).arrayBuffer()) });
  const given = await inLanes(files, read);
  const rosterData = roster ? await read(roster) : null;
  onProgress({ done: 0, total: given.length, current: "" });
  const jobs = await pool.main.call("prepare", [given, rosterData, todayIso(), attendance]);
  const outcomes = new Map(); // job id -> its outcome (JSON), for the detail view
  const fromOthers = [];       // those checked by the other workers: the first kept its own
  let next = 0;
  let done = 0;
  async function serve(worker) {
    while (next < jobs.length && !signal.cancelled) {
      const job = jobs[next++];
      onProgress({ done, total: jobs.length, current: job.file });
      let kept = worker === pool.main;
      const outcome = await worker.call("check", [job], [job.data.buffer]).catch((error) => {
        kept = false;
        return JSON.stringify({ id: job.id, error: `程式發生未預期的錯誤（${error.message}），請回報。` });
      });
      outcomes.set(job.id, outcome);
      if (!kept) fromOthers.push(outcome);
      done += 1;
      onProgress({ done, total: jobs.length, current: job.file });
    }
  }
  // Two lanes per worker: the next record is already waiting when one is done (no idle round trip).
  await Promise.all(pool.workers.flatMap((worker) => [serve(worker), serve(worker)]));
  const table = JSON.parse(await pool.main.call("assemble", [fromOthers]));
  return { table, outcomes, cancelled: signal.cancelled && done < jobs.length };
}
