import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const workspace = path.resolve(__dirname, '../../..');

// The READMEs' extension examples (a provider, a format, a chunker) are real files: this runs
// the program that wires them through the libs' public faces, on an in-memory database.
describe('the extension example (examples/extending)', () => {
  it('ingests a CSV through its own parser, chunks it by rows, embeds with its own provider and finds each row', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'examples/extending/main.ts'], {
      cwd: workspace,
      env: { PATH: process.env['PATH'], SWC_NODE_PROJECT: 'examples/tsconfig.json' },
      timeout: 60_000,
    });

    expect(stdout.trim().split('\n')).toEqual(['Planets: READY, 3 chunks', 'rings of ice -> planet: Saturn', 'a red storm -> planet: Jupiter']);
  });
});
