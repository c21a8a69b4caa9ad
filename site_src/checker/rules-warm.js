// What rules_py does once before it is "ready", and again in the background after a start from the
// memory snapshot: rules_py._warm's sample check, which runs the common paths of a check. Before the
// snapshot is taken (pipeline/snapshot.mjs) it fills Python's caches; after a restore it lets the browser
// compile Python's hot WebAssembly fully, which it does only for code that has run a while (a person's
// first check would otherwise take several times a warm one).
export function warmUp(pyodide) {
  try {
    const warm = pyodide.pyimport("rules_py._warm");
    warm.warm_up();
    warm.destroy();
  } catch (error) {
    // Only a speed-up: the rules still load, and a real fault shows on the person's own check.
  }
}
