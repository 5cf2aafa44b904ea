// Child process: creates an empty PGlite database in the data directory given as its argument
// (PGlite runs initdb), then exits. PGlite runs initdb in the process that opens the directory,
// with a second Postgres instance and initdb's own WebAssembly module beside the first; in a
// gateway that became the high-water mark of its memory, 400 MB above the rest of its life.
// Here it lives and dies in a process of its own.
//   node pglite-initdb.mjs <dataDir>
// Plain JavaScript on purpose: it runs as is, in source and in builds.
import { PGlite } from '@electric-sql/pglite';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: pglite-initdb.mjs <dataDir>');
const pglite = await PGlite.create(dataDir);
await pglite.close();
