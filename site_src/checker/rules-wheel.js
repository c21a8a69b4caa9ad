// rules_py's files after a start from the memory snapshot. The snapshot (pipeline/snapshot.mjs) imported
// rules_py from its wheel as a zip on sys.path, and holds memory, not files: the wheel's bytes are written back
// at the same path, and rules_py's later imports and data files are read from the zip as it is (zipimport).
// Installing the wheel instead (loadPackage) took 2-5 s in WebKit's JavaScriptCore, against 0.4 s for this.
// read(name): the wheel's bytes, given its file name in the site's pyodide/ folder.
// Python is reached through pyimport, not runPython: compiling even one line of source ran Python's compiler,
// which a restored interpreter has never run, and cost about half a second in JavaScriptCore.
export async function restoreWheel(pyodide, read) {
  const rules = pyodide.pyimport("rules_py");
  const loader = rules.__loader__;  // a zipimport.zipimporter
  try {
    const path = loader.archive;
    const slash = path.lastIndexOf("/");
    const bytes = await read(path.slice(slash + 1));
    pyodide.FS.mkdirTree(path.slice(0, slash));
    pyodide.FS.writeFile(path, bytes);
    // The zip's table of contents as read from these bytes, not as the snapshot remembers it: this archive's
    // alone (importlib.invalidate_caches() imports importlib.metadata, 0.6 s in JavaScriptCore).
    loader.invalidate_caches();
  } finally {
    [loader, rules].forEach((proxy) => proxy.destroy());
  }
}
