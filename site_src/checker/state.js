// Everything the person has given, in one place (kept in memory; storage.js saves it only after opt-in).

export const state = {
  record: null,      // {kind: "html"|"text", text, label} or {kind: "file", base64, name, label}: the record as given
  parsed: null,      // the record object the rows were read from (to know when to read again)
  rows: [],          // the confirmed rows (record-step.js)
  parsedCount: 0,    // how many rows the record gave (a removed row is a change)
  otherLines: [],    // record lines not listed: further rows of a course the rules did not choose
  result: null,      // the rules' last answer
};
