// Worker threads start from plain JavaScript files (libs/**/*.worker.{mjs,cjs} and the .cjs
// modules they require), and GraphiQL's page loads the gateway's *.browser.{js,css} files; tsc
// does not emit them, so builds copy them beside the compiled code.
//   node tools/build/copy-worker-scripts.mjs <outDir>
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: copy-worker-scripts.mjs <outDir>');

function* scripts(dir, pattern) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* scripts(file, pattern);
    else if (pattern.test(entry.name) && !entry.name.endsWith('.spec.cjs')) yield file;
  }
}

let copied = 0;
for (const file of [...scripts('libs', /\.(mjs|cjs)$/), ...scripts('apps/gateway/src', /\.browser\.(js|css)$/)]) {
  const target = path.join(outDir, file);
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(file, target);
  copied++;
}
console.log(`copied ${copied} scripts into ${outDir}`);
