// The reference server's section of BENCHMARKS.md lives between these markers. bench/server.js writes it;
// bench/run.js, which rewrites the rest of the file, keeps it.
import { existsSync, readFileSync } from 'node:fs';

export const START = '<!-- server-bench:start -->';
export const END = '<!-- server-bench:end -->';

const BLOCK = new RegExp(`${START}[\\s\\S]*?${END}`);

/** The server section as BENCHMARKS.md has it now, or '' when there is none. */
export const serverSection = (file = 'BENCHMARKS.md') =>
  existsSync(file) ? `\n${BLOCK.exec(readFileSync(file, 'utf8'))?.[0] ?? ''}\n` : '';

/** `md` with its server section replaced by `section` (or appended when it has none). */
export const withServerSection = (md, section) => {
  const block = `${START}\n${section.trim()}\n${END}`;
  return BLOCK.test(md) ? md.replace(BLOCK, block) : `${md.trimEnd()}\n\n${block}\n`;
};
