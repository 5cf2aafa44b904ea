import path from 'node:path';
import { stat } from 'node:fs/promises';
import { watch } from 'chokidar';
import { FolderSync, type SyncCounts } from '../sync/folder-sync';
import { fileIn, findFiles } from '../sync/local-files';
import { type ProgressMode, ProgressView, formatDuration } from '../sync/progress-view';
import { CliError } from './cli-error';
import { writableCollection, type NamedCollection } from './collections';
import { type ConnectionOptions, connect } from './connection';

export interface IngestOptions extends ConnectionOptions {
  collection?: string;
  concurrency: number;
  prefix: string;
  /** false: exit once everything is sent, without waiting for processing. */
  wait: boolean;
  watch: boolean;
  progress?: ProgressMode;
  json: boolean;
}

export interface Terminal {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
}

/** An interrupted run exits with 128 + SIGINT, as shells expect. */
export const INTERRUPTED = 130;

/** `docent ingest`: syncs files into a collection, shows progress, prints a summary; returns the exit code. */
export async function ingest(targets: readonly string[], options: IngestOptions, terminal: Terminal): Promise<number> {
  const started = Date.now();
  const client = await connect(options);
  try {
    const collection = await writableCollection(client, options.collection);
    const found = await findFiles(targets, terminal.cwd, options.prefix).catch((error: Error) => {
      throw new CliError(error.message);
    });
    const roots = options.watch ? await folders(targets, terminal.cwd) : [];

    // The view reads the sync's counts only once the sync exists.
    const view: ProgressView = new ProgressView(options.progress ?? (terminal.stderr.isTTY ? 'bar' : 'lines'), terminal.stderr, (): SyncCounts => sync.current());
    const sync: FolderSync = new FolderSync(client, collection.id, view, { concurrency: options.concurrency });
    const stopOnSignal = interruptible(sync, terminal);
    // Ctrl-C is how watching ends: only an interrupt before it counts as one.
    let watched = false;
    try {
      sync.follow();
      await sync.sync(found.files);
      if (options.wait || options.watch) await sync.settled();
      if (options.watch && !sync.interrupted) {
        watched = true;
        await keepInSync(sync, roots, options.prefix, terminal);
      }
    } finally {
      stopOnSignal();
      view.stop();
      sync.close();
    }
    const interrupted = sync.interrupted && !watched;
    report(sync, collection, found.unsupported, (Date.now() - started) / 1_000, interrupted, options.json, terminal);
    if (interrupted) return INTERRUPTED;
    return sync.problems().length > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}

/** The first Ctrl-C stops new uploads and lets those in flight finish; the second quits at once. */
function interruptible(sync: FolderSync, terminal: Terminal): () => void {
  let interrupts = 0;
  const onSignal = () => {
    if (++interrupts > 1) process.exit(INTERRUPTED);
    terminal.stderr.write('\nStopping after the uploads in flight (Ctrl-C again to quit at once)\n');
    sync.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

async function folders(targets: readonly string[], cwd: string): Promise<string[]> {
  const roots = targets.map((target) => path.resolve(cwd, target));
  for (const [index, root] of roots.entries()) {
    if (!(await stat(root).catch(() => undefined))?.isDirectory()) throw new CliError(`--watch follows folders; ${targets[index]} is not one`);
  }
  return roots;
}

/** --watch: sends each file added or edited under `roots`, deletes the documents of removed ones, until Ctrl-C. */
async function keepInSync(sync: FolderSync, roots: readonly string[], prefix: string, terminal: Terminal): Promise<void> {
  const watcher = watch([...roots], { ignoreInitial: true, ignored: (file) => /(^|[/\\])(node_modules|\.git)([/\\]|$)/.test(file), awaitWriteFinish: { stabilityThreshold: 200, pollInterval: 50 } });
  // One change at a time, in the order they happened.
  let queue = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: Error) => void terminal.stderr.write(`${error.message}\n`));
  };
  const located = (absolute: string) => {
    const root = roots.find((candidate) => !path.relative(candidate, absolute).startsWith('..'));
    return root === undefined ? undefined : fileIn(root, absolute, prefix);
  };
  const send = (absolute: string) => {
    const file = located(absolute);
    if (file) enqueue(() => sync.syncOne(file));
  };
  watcher.on('add', send);
  watcher.on('change', send);
  watcher.on('unlink', (absolute) => {
    const file = located(absolute);
    if (file) enqueue(() => sync.remove(file.sourceId));
  });
  await new Promise<void>((resolve) => watcher.on('ready', resolve));
  terminal.stderr.write(`Watching ${roots.map((root) => path.relative(terminal.cwd, root) || '.').join(', ')} (Ctrl-C to stop)\n`);
  await sync.whenStopped;
  await watcher.close();
  await queue;
}

function report(sync: FolderSync, collection: NamedCollection, unsupported: readonly string[], seconds: number, interrupted: boolean, json: boolean, terminal: Terminal): void {
  const counts = sync.current();
  const problems = sync.problems();
  if (json) {
    const { id, name } = collection;
    terminal.stdout.write(`${JSON.stringify({ collection: { id, name }, ...counts, unsupported, problems, interrupted, seconds })}\n`);
    return;
  }
  const sent = counts.created + counts.updated;
  const lines = [
    `${interrupted ? 'Stopped' : 'Synced'} ${files(counts.files)} with collection "${collection.name}" in ${formatDuration(seconds)}: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.rejected} rejected.`,
    `${counts.ready} READY (${counts.chunks} chunks), ${counts.failed} FAILED, ${counts.waiting} still processing.`,
  ];
  if (interrupted) {
    const notSent = counts.files - sent - counts.unchanged - counts.rejected;
    lines.push(`Interrupted with ${files(notSent)} not sent: run the same command again to resume (what is stored is not sent again).`);
  }
  if (unsupported.length > 0) lines.push(`Skipped ${files(unsupported.length)} of types Docent does not read (${unsupported.slice(0, 3).join(', ')}${unsupported.length > 3 ? ', ...' : ''}).`);
  for (const problem of problems.slice(0, 20)) lines.push(`  ${problem.sourceId}: ${problem.error}`);
  if (problems.length > 20) lines.push(`  ... and ${problems.length - 20} more`);
  terminal.stdout.write(`${lines.join('\n')}\n`);
}

function files(count: number): string {
  return `${count} ${count === 1 ? 'file' : 'files'}`;
}
