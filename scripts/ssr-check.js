// The ES module entries must import on a server without crashing and without creating `window` or
// `document` (SSR frameworks import component libraries on the server); importing registers nothing.
for (const entry of ['../dist/index.js', '../dist/preact.js']) {
  const module = await import(entry);
  if (typeof module.init !== 'function' && typeof module.ServiceHall !== 'function') {
    throw new Error(`${entry}: its main export is missing`);
  }
}
if (typeof globalThis.window !== 'undefined' || typeof globalThis.document !== 'undefined') {
  throw new Error('importing on a server defined window or document');
}
console.log(`✔ the ES module entries import on a server (Node ${process.version})`);
