// Prints the gateway's GraphQL schema to apps/gateway/schema.graphql, the file frontend teams
// and the typed client example generate code from. `--check` fails when the file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildGatewaySchema } from '../../apps/gateway/src/graphql/schema';

const SCHEMA_FILE = path.resolve(__dirname, '../../apps/gateway/schema.graphql');
const HEADER = '# Generated from the resolvers by `npm run schema`; do not edit by hand.\n\n';

async function main(): Promise<void> {
  const printed = HEADER + printSchema(lexicographicSortSchema(await buildGatewaySchema())) + '\n';
  if (!process.argv.includes('--check')) {
    writeFileSync(SCHEMA_FILE, printed);
    console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
    return;
  }
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  if (committed !== printed) {
    console.error(`${path.relative(process.cwd(), SCHEMA_FILE)} is stale: the resolvers changed the schema. Run \`npm run schema\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${path.relative(process.cwd(), SCHEMA_FILE)} is up to date`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
