// One batch: the files read and prepared by the first worker (roster, profiles, .zip opened, in Python), each
// record checked by whichever worker is free, then the table assembled there. Nothing leaves the device: the
// files are read from the disk in the workers, never sent. Cancel stops handing out records;
// those not checked say so in the table.
import { todayIso } from "../checker/dates.js";

export class Cancelled extends Error {}

// Jobs handed to a worker at once: one message each way per few records, not per record (each message and
// its Python call cost the page's thread and the worker's alike); at most CHUNK, and at least four hand-outs
// per lane, so that the bar moves often and the workers finish together.
const CHUNK = 8;
const chunkSize = (jobs, lanes) => Math.max(1, Math.min(CHUNK, Math.ceil(jobs / (lanes * 4))));

// Files handed to the first worker, jobs fetched from it and rows of the table read, per message: a
// hundred, each message a short task on this thread (ten thousand Files in one took it two seconds).
const PART = 100;

async function inParts(total, fetch) {
  const parts = [];
  for (let start = 0; start < total; start += PART) parts.push(await fetch(start, PART));
  return parts.flat();
}

// files: [{name, file}] as chosen (file: a File); roster: the same or null; attendance: the attendance export
// as read and answered (attendance.js) or null. They are read in the first worker, which prepares the jobs
// (this thread stays free for the page).
// onProgress({done, total, current}) after each few records; signal: {cancelled} read between them.
// The table only: a person's whole result is checked again when it is opened (detail() in the first worker).
export async function runBatch(pool, files, roster, onProgress, signal, attendance = null) {
  const chosen = (entry) => ({ name: entry.name, file: entry.file });
  await inParts(files.length, (start, count) => {
    onProgress({ done: 0, total: files.length, current: files[start].name });
    return pool.main.call("take", [files.slice(start, start + count).map(chosen), start === 0]);
  });
  const total = await pool.main.call("prepare", [roster ? chosen(roster) : null, todayIso(), attendance]);
  const jobs = await inParts(total, (start, count) => pool.main.call("jobs", [start, count]));
  const kept = [];  // the other workers' outcomes handed to the first as they come
  const lanes = pool.workers.flatMap((worker) => [worker, worker]);
  const size = chunkSize(jobs.length, lanes.length);
  let next = 0;
  let done = 0;
  async function serve(worker) {
    while (next < jobs.length && !signal.cancelled) {
      const chunk = jobs.slice(next, next + size);
      next += chunk.length;
      onProgress({ done, total: jobs.length, current: chunk[0].file });
      let ownKept = worker === pool.main;
      const outcomes = await worker.call("check", [chunk], chunk.map((job) => job.data.buffer)).catch((error) => {
        ownKept = false;
        return chunk.map((job) => JSON.stringify({ id: job.id, error: `程式發生未預期的錯誤（${error.message}），請回報。` }));
      });
      if (!ownKept) kept.push(pool.main.call("keep", [outcomes]));
      done += chunk.length;
      onProgress({ done, total: jobs.length, current: chunk[chunk.length - 1].file });
    }
  }
  // Two lanes per worker: the next records are already waiting when some are done (no idle round trip).
  await Promise.all(lanes.map(serve));
  await Promise.all(kept);
  const table = JSON.parse(await pool.main.call("assemble"));
  const parts = await inParts(table.size, async (start, count) => JSON.parse(await pool.main.call("table_rows", [start, count])));
  table.people = parts.flatMap((part) => part.people);
  table.rows = parts.flatMap((part) => part.rows);
  return { table, cancelled: signal.cancelled && done < jobs.length };
}
