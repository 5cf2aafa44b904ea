import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { ensureFixtureModel } from '@docent/embeddings/testing';

const workspace = path.resolve(__dirname, '../../../..');
const fixture = ensureFixtureModel('tiny');

/** `npm run worker`'s entry point, run from source, against the test's database. */
export function spawnWorker(databaseUrl: string, env: Record<string, string> = {}, logs: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  return spawn(process.execPath, ['-r', '@swc-node/register', '-r', './apps/gateway/test/support/report-loaded-modules.cjs', 'apps/gateway/src/worker.ts'], {
    cwd: workspace,
    stdio: ['ignore', logs, 'inherit'],
    env: {
      PATH: process.env['PATH'],
      SWC_NODE_PROJECT: 'tools/tsconfig.json',
      DATABASE_URL: databaseUrl,
      EMBEDDING_PROVIDER: 'transformers',
      EMBEDDING_MODEL: fixture.modelName,
      EMBEDDING_MODELS_DIR: fixture.modelsDir,
      EMBEDDING_THREADS: '1',
      CHUNK_TOKENS: '64',
      CHUNK_OVERLAP_TOKENS: '8',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
}

