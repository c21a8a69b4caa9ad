// What rules_py does once before it is "ready": a person's first check would otherwise pay for importing
// the record parsers and preparing the plan (~4x a warm check). Two tiny requests (an empty record, no
// rows) pay it now. The worker runs this on a fresh start; pipeline/snapshot.mjs runs it before taking
// the memory snapshot, so a start from the snapshot is already warm.
export function warmUp(rules) {
  try {
    rules.check_json('{"record": ""}');
    rules.check_json('{"rows": []}');
  } catch (error) {
    // Only a speed-up: the rules still load, and a real fault shows on the person's own check.
  }
}
