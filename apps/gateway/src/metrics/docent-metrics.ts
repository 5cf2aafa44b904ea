import type { EmbeddingBatchReport } from '@docent/embeddings';
import type { QueueStats } from '@docent/persistence';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface MetricSources {
  queueStats(): Promise<QueueStats>;
  /** Texts waiting in the embedding engine. */
  queuedTexts(): number;
}

/**
 * Docent's Prometheus metrics, in a registry of their own (several gateways may share a
 * process in tests). Queue figures are read from the database when scraped.
 */
export class DocentMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'docent_http_request_duration_seconds',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'docent_graphql_operation_duration_seconds',
    help: 'GraphQL operations by type and first root field, from parse to response',
    labelNames: ['operation_type', 'root_field', 'outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'docent_graphql_errors_total',
    help: 'GraphQL errors sent to clients, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly embeddingBatchSize = new Histogram({
    name: 'docent_embedding_batch_size',
    help: 'Texts per embedding model call',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });

  readonly embeddingBatchDuration = new Histogram({
    name: 'docent_embedding_batch_duration_seconds',
    help: 'Duration of embedding model calls',
    labelNames: ['outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'docent_' });
  }

  readonly recordEmbeddingBatch = (report: EmbeddingBatchReport): void => {
    this.embeddingBatchSize.observe(report.size);
    this.embeddingBatchDuration.observe({ outcome: report.failed ? 'error' : 'ok' }, report.durationMs / 1000);
  };

  /** Gauges read at scrape time; the registry collects them together, so one queue query serves both queue gauges. */
  watch(sources: MetricSources): void {
    let pending: Promise<QueueStats> | undefined;
    const queueStats = () => {
      pending ??= sources.queueStats().finally(() => (pending = undefined));
      return pending;
    };
    new Gauge({
      name: 'docent_documents',
      help: 'Documents by processing status, across all users',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const { counts } = await queueStats();
        for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'docent_ingestion_queue_lag_seconds',
      help: 'How long the longest-waiting due document has waited for a worker',
      registers: [this.registry],
      async collect() {
        this.set((await queueStats()).oldestDueSeconds);
      },
    });
    new Gauge({
      name: 'docent_embedding_queued_texts',
      help: 'Texts waiting in the embedding engine for a model call',
      registers: [this.registry],
      collect() {
        this.set(sources.queuedTexts());
      },
    });
  }
}
