import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface MigrationFile {
  /** The folder name, `<timestamp>_<name>`, as Prisma names migrations. */
  name: string;
  sql: string;
  /** SHA-256 of the file, hex: the checksum Prisma Migrate records for the same file. */
  checksum: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/** Reads `<dir>/<timestamp>_<name>/migration.sql` in name (= time) order. */
export function readMigrationFiles(dir: string): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    });
}

/** Finds the repository's `prisma/migrations`, from source or from a build in `dist/`. */
export function findMigrationsDir(start: string = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'prisma', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) {
      throw new Error(`No prisma/migrations folder found above ${start}; pass migrationsDir to openDatabase`);
    }
  }
}
