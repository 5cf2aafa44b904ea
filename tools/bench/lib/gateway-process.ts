import { type ChildProcess, spawn } from 'node:child_process';

/**
 * A gateway in a process of its own (`node <args>`), resolved once it logs where it listens:
 * `env` needs `LOG_LEVEL: 'info'` and, for a free port, `PORT: '0'`.
 */
export function startGatewayProcess(args: readonly string[], env: Record<string, string | undefined>, cwd?: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], env });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (data: Buffer) => {
      buffered += data.toString('utf8');
      const match = /"graphql":"(http:\/\/[^"]+)\/graphql"/.exec(buffered);
      if (match) resolve({ child, url: match[1] as string });
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code} before listening`)));
  });
}

export async function stopGatewayProcess(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}
