import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { testDatabaseTargets } from '@docent/persistence/testing';
import { type TestGateway, startTestGateway } from './test-gateway';

const workspace = path.resolve(__dirname, '../../..');

describe('the typed client example (examples/typed-client)', () => {
  let server: TestGateway;

  beforeAll(async () => {
    server = await startTestGateway(testDatabaseTargets()[0]!);
  });
  afterAll(() => server?.close());

  it('signs up, ingests, waits for READY and finds the right document against a running gateway', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'examples/typed-client/src/main.ts'], {
      cwd: workspace,
      env: { PATH: process.env['PATH'], SWC_NODE_PROJECT: 'examples/tsconfig.json', DOCENT_URL: server.gateway.url },
      timeout: 90_000,
    });

    expect(stdout).toMatch(/^signed up as example-\d+@example\.com$/m);
    expect(stdout).toMatch(/^1\. Bicycles \(\d\.\d{3}\): .*loose chain/m);
  });
});
