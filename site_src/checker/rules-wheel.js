// rules_py's files after a start from the memory snapshot. The snapshot (pipeline/snapshot.mjs) imported
// rules_py from its wheel as a zip on sys.path, and holds memory, not files: the wheel's bytes are written back
// at the same path, and rules_py's later imports and data files are read from the zip as it is (zipimport).
// Installing the wheel instead (loadPackage) took 2-5 s in WebKit's JavaScriptCore, against 0.4 s for this.
// read(name): the wheel's bytes, given its file name in the site's pyodide/ folder.
export async function restoreWheel(pyodide, read) {
  const path = pyodide.runPython("import rules_py; rules_py.__loader__.archive");
  const slash = path.lastIndexOf("/");
  const bytes = await read(path.slice(slash + 1));
  pyodide.FS.mkdirTree(path.slice(0, slash));
  pyodide.FS.writeFile(path, bytes);
  // The zip's table of contents as read from these bytes, not as the snapshot remembers it.
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}
