// READMEs show extension examples that compile: a code block right after a line
// `<!-- example: <path> -->` must be that file, verbatim. `--check` fails on any difference
// (npm run check:examples); without it, the blocks are rewritten from the files.
//   node tools/docs/readme-examples.mjs [--check]
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

const check = process.argv.includes('--check');
const MARKED_BLOCK = /<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g;
let stale = 0;
const libReadmes = readdirSync('libs').map((lib) => `libs/${lib}/README.md`).filter((file) => existsSync(file));
for (const readme of ['README.md', ...libReadmes]) {
  const text = readFileSync(readme, 'utf8');
  const updated = text.replace(MARKED_BLOCK, (_, file, shown) => {
    const source = readFileSync(file, 'utf8');
    if (shown !== source) {
      stale += 1;
      if (check) console.error(`${readme}: the example block for ${file} differs from the file (run node tools/docs/readme-examples.mjs)`);
    }
    return `<!-- example: ${file} -->\n\`\`\`ts\n${source}\`\`\``;
  });
  if (!check && updated !== text) writeFileSync(readme, updated);
}
if (check && stale > 0) process.exit(1);
