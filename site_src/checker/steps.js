// One question page at a time. The step lives in history.state, never in the URL, so the back button
// works and nothing about the person reaches the address bar.
import { $, reveal } from "./dom.js";
import { clearErrors } from "./errors.js";

const STEPS = ["record", "profile", "answers", "result"];
const listeners = [];

// focus: true for the step's heading, or the id of a field to put the person on (a change link).
function render(step, focus) {
  STEPS.forEach((name) => { $(`step-${name}`).hidden = name !== step; });
  $("checker").dataset.step = step;
  clearErrors();
  listeners.forEach((fn) => fn(step));
  const target = typeof focus === "string" ? $(focus) : focus && $(`step-${step}-title`);
  if (target) {
    reveal(target); // a change link's field may be in a folded section
    target.focus();
    // A step's heading at the top (under the page's header: scroll-padding, checker.css), so that the
    // step's first screen is all the step; a field to fix in the middle, with its label above it.
    target.scrollIntoView({ block: typeof focus === "string" ? "center" : "start" });
  }
}

export function onStep(fn) {
  listeners.push(fn);
}

export function current() {
  return $("checker").dataset.step;
}

// The step is drawn first and its history entry made after that frame: making the entry can take the
// browser tens of milliseconds, and the person is waiting for the step, not for that. Resolves once made.
export function goTo(step, focus = true) {
  const push = step !== current();
  render(step, focus);
  if (!push) return Promise.resolve();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => {
    history.pushState({ checkerStep: step }, "");
    resolve();
  })));
}

export function startSteps() {
  history.replaceState({ checkerStep: "record" }, "");
  window.addEventListener("popstate", (event) => {
    const step = event.state && event.state.checkerStep;
    if (STEPS.includes(step)) render(step, true);
  });
  render("record", false);
}
