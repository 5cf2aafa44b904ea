import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { LocalFile } from './local-files';
import type { SyncCounts, SyncListener } from './folder-sync';

const REDRAW_MS = 100;

/** bar: a live progress bar; lines: one line per file event (the default without a terminal); none: quiet. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** Files per second and the time left, from the documents settled so far. */
export function pace(counts: SyncCounts, elapsedMs: number): { rate: number; etaSeconds: number | undefined } {
  const rate = elapsedMs > 0 ? counts.settledNow / (elapsedMs / 1_000) : 0;
  const left = counts.files - counts.ready - counts.failed - counts.rejected;
  return { rate, etaSeconds: rate > 0 ? Math.ceil(left / rate) : undefined };
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '--';
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** Shows a sync's progress on `stream` (stderr: stdout is for the summary). */
export class ProgressView implements SyncListener {
  private readonly started = Date.now();
  private bars: MultiBar | undefined;
  private bar: SingleBar | undefined;
  private drawnAt = 0;
  private pending: NodeJS.Timeout | undefined;

  constructor(
    private readonly mode: ProgressMode,
    private readonly stream: NodeJS.WriteStream,
    private readonly counts: () => SyncCounts,
  ) {
    if (mode !== 'bar') return;
    this.bars = new MultiBar(
      {
        stream,
        // `--progress bar` draws it even without a terminal (for recordings); auto mode only picks bar on one.
        noTTYOutput: true,
        hideCursor: true,
        clearOnComplete: false,
        fps: 10,
        format: '{bar} {value}/{total} files | sent {sent} | READY {ready} | {chunks} chunks | {rate} files/s | ETA {left} | failed {failed}',
      },
      Presets.shades_classic,
    );
    this.bar = this.bars.create(0, 0, { sent: 0, ready: 0, chunks: 0, rate: '0.0', left: '--', failed: 0 });
  }

  sent(file: LocalFile, change: 'new' | 'updated'): void {
    this.line(`sent     ${file.sourceId} (${change})`);
  }

  rejected(file: LocalFile, message: string): void {
    this.line(`rejected ${file.sourceId}: ${message}`, true);
  }

  settled(file: LocalFile, document: { status: 'READY' | 'FAILED'; chunkCount: number; error: string | null }): void {
    if (document.status === 'READY') this.line(`READY    ${file.sourceId} (${document.chunkCount} chunks)`);
    else this.line(`FAILED   ${file.sourceId}: ${document.error ?? 'processing failed'}`, true);
  }

  removed(sourceId: string): void {
    this.line(`deleted  ${sourceId}`);
  }

  changed(): void {
    // Counting walks every document: at most as often as the bar is drawn (the last change
    // of a burst is drawn a moment later).
    if (!this.bar || this.pending) return;
    const wait = this.drawnAt + REDRAW_MS - Date.now();
    if (wait <= 0) this.draw();
    else this.pending = setTimeout(() => this.draw(), wait);
  }

  /** Draws the last frame and lets go of the terminal. */
  stop(): void {
    if (this.bar) this.draw();
    this.bars?.stop();
  }

  private draw(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    if (!this.bar) return;
    this.drawnAt = Date.now();
    const counts = this.counts();
    this.bar.setTotal(counts.files);
    this.bar.update(counts.ready + counts.failed + counts.rejected, this.payload(counts));
  }

  private payload(counts: SyncCounts): Record<string, string | number> {
    const { rate, etaSeconds } = pace(counts, Date.now() - this.started);
    return { sent: counts.created + counts.updated, ready: counts.ready, chunks: counts.chunks, rate: rate.toFixed(1), left: formatDuration(etaSeconds), failed: counts.failed + counts.rejected };
  }

  /** Every event in lines mode; with a bar, only the failures (above it). */
  private line(text: string, failure = false): void {
    if (this.mode === 'lines') this.stream.write(`${text}\n`);
    else if (this.bars && failure) this.bars.log(`${text}\n`);
  }
}
