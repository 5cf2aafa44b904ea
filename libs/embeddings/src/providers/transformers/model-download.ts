import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { type Logger, silentLogger } from '@docent/common';
import { modelFolder, requiredModelFiles } from './model-files';

export interface ModelDownloadOptions {
  modelName: string;
  modelsDir: string;
  quantized: boolean;
  /** The Hugging Face hub, or a mirror laid out like it (`<hub>/<model>/resolve/main/<file>`). */
  hubUrl: string;
  /** Per file, until its first byte (default 30 s). */
  timeoutMs?: number;
}

/**
 * Fetches the files transformers.js needs for a model into `<modelsDir>/<model>/`, so it runs
 * offline from then on. Files already there are kept; each new one is written beside its place
 * and renamed when complete, so an interrupted download never leaves a truncated model.
 */
export async function downloadModel(options: ModelDownloadOptions, logger: Logger = silentLogger): Promise<{ downloaded: string[]; present: string[] }> {
  const folder = modelFolder(options.modelsDir, options.modelName);
  const downloaded: string[] = [];
  const present: string[] = [];
  for (const file of requiredModelFiles(options.quantized)) {
    const target = path.join(folder, file);
    if (existsSync(target)) {
      present.push(file);
      continue;
    }
    const url = `${options.hubUrl.replace(/\/+$/, '')}/${options.modelName}/resolve/main/${file}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) }).catch((error: unknown) => {
      throw new Error(`Downloading ${options.modelName} failed: ${url} did not answer (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    });
    if (!response.ok || !response.body) throw new Error(`Downloading ${options.modelName} failed: ${url} answered HTTP ${response.status}`);
    mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.part`;
    try {
      await pipeline(Readable.fromWeb(response.body as ReadableStream<Uint8Array>), createWriteStream(partial));
      renameSync(partial, target);
    } catch (error) {
      rmSync(partial, { force: true });
      throw new Error(`Downloading ${url} was interrupted: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    downloaded.push(file);
    logger.info({ model: options.modelName, file }, `downloaded ${file}`);
  }
  return { downloaded, present };
}
