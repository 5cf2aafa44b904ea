// Runs `prisma generate` offline. The Prisma CLI looks for its native schema engine on
// start-up and tries to download it when missing; `generate` never uses it, so any
// existing file satisfies the check on machines without network access.
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/false';
env.PRISMA_HIDE_UPDATE_MESSAGE ??= '1';

const result = spawnSync('npx', ['prisma', 'generate', '--no-hints'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
