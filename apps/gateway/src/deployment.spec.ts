// The Dockerfile and docker-compose.yml cannot be built or run here; what can be checked is that
// they agree with the code: the programs they start, the variables they set, the values they set
// them to, and that the image does not run as root.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './config';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The README's configuration table: every variable Docent reads. */
const documented = new Set([...read('README.md').matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1] as string));

/** The programs `nx run gateway:serve` / `gateway:worker` start, as paths relative to the workspace. */
function builtProgram(target: 'serve' | 'worker'): string {
  const project = JSON.parse(read('apps/gateway/project.json')) as { targets: Record<string, { options: { command: string } }> };
  return (project.targets[target]?.options.command ?? '').replace(/^(\w+=\S+ )*node /, '');
}

const dockerfile = read('Dockerfile');
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
/** ENV lines of the runtime stage, `KEY=value` pairs across continuation lines. */
const imageEnv: Record<string, string> = Object.fromEntries(
  [...(/\nENV ([\s\S]*?)\n(?!\s)/.exec(runtimeStage)?.[1] ?? '').matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)].map((match) => [match[1], match[2]]),
);

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  ports?: string[];
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
/** A service's environment as the container sees it, `${VAR…}` filled in as an operator would. */
function serviceEnv(name: string): Record<string, string> {
  const given = { POSTGRES_PASSWORD: 'a-password', AUTH_TOKEN_SECRET: 'a-token-secret-of-more-than-32-characters', METRICS_TOKEN: 'a-metrics-token-0123' };
  const environment = compose.services[name]?.environment ?? {};
  return {
    ...imageEnv,
    ...Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value).replace(/\$\{(\w+)[^}]*\}/g, (_, variable: string) => given[variable as keyof typeof given])])),
  };
}

describe('the deployment files', () => {
  it('start the programs the build makes', () => {
    const cmd = JSON.parse(/\nCMD (\[.*\])/.exec(runtimeStage)?.[1] ?? '[]') as string[];
    expect(cmd).toEqual(['node', builtProgram('serve')]);
    expect(compose.services['worker']?.command).toEqual(['node', builtProgram('worker')]);
    expect(runtimeStage).toContain('COPY --from=build --chown=node:node /app/dist/apps/gateway ./dist/apps/gateway');
    expect(runtimeStage).toContain('COPY --from=build --chown=node:node /app/prisma ./prisma');
  });

  it('run the gateway and the workers with two malloc arenas, as npm start does, unless told otherwise', () => {
    const project = JSON.parse(read('apps/gateway/project.json')) as { targets: Record<string, { options: { command: string } }> };
    for (const target of ['serve', 'worker']) expect(project.targets[target]?.options.command).toMatch(/^MALLOC_ARENA_MAX=\$\{MALLOC_ARENA_MAX:-2\} node /);
    expect(imageEnv['MALLOC_ARENA_MAX']).toBe('2');
  });

  it('set only variables Docent reads, documented in the README', () => {
    const image = Object.keys(imageEnv);
    const services = ['gateway', 'worker'].flatMap((name) => Object.keys(compose.services[name]?.environment ?? {}));
    expect(image.length).toBeGreaterThan(3);
    expect([...image, ...services].filter((variable) => !documented.has(variable))).toEqual([]);
  });

  it("give the gateway and the workers settings Docent's own configuration check accepts", () => {
    const gateway = loadConfig(serviceEnv('gateway'));
    expect(gateway).toMatchObject({ host: '0.0.0.0', port: 4000, documentWorker: false, ephemeralTokenSecret: false });
    expect(gateway.database.url).toBe('postgresql://docent:a-password@postgres:5432/docent');
    expect(gateway.embeddings.modelsDir).toBe('/models');
    expect(compose.services['gateway']?.ports).toEqual([`${gateway.port}:${gateway.port}`]);
    const worker = loadConfig(serviceEnv('worker'));
    expect(worker.database.url).toBe(gateway.database.url);
    expect(worker.embeddings.modelsDir).toBe('/models');
  });

  it('check health on /readyz, run as an unprivileged user and keep models and data in volumes', () => {
    expect(compose.services['gateway']?.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${imageEnv['PORT']}/readyz`);
    expect(runtimeStage).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
    expect(runtimeStage).toMatch(/\nUSER node\n/);
    expect(runtimeStage).toContain('VOLUME ["/models", "/data"]');
    expect(imageEnv['DOCENT_DATA_DIR']?.startsWith('/data/')).toBe(true);
    // The runtime stage gets production dependencies only.
    expect(dockerfile).toContain('npm prune --omit=dev');
  });
});
