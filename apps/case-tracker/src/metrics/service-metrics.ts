import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * The service's Prometheus metrics. Counters are incremented where things happen; gauges that
 * describe state (projection lag, publisher position) are read when Prometheus scrapes.
 */
@Injectable()
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly ingestedEvents = new Counter({
    name: 'csc_ingest_events_total',
    help: 'Events received, by how they were answered (recorded, duplicate, rejected) and channel (http, kafka)',
    labelNames: ['status', 'channel'] as const,
    registers: [this.registry],
  });
  private readonly scrapers: Array<() => Promise<void>> = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'csc_' });
  }

  /** A gauge whose value is set from `read()` at each scrape, one series per label set. */
  gauge(name: string, help: string, labelNames: readonly string[], read: () => Promise<Array<{ labels: Record<string, string>; value: number }>>): void {
    const gauge = new Gauge({ name, help, labelNames: [...labelNames], registers: [this.registry] });
    this.scrapers.push(async () => {
      gauge.reset();
      for (const { labels, value } of await read()) gauge.set(labels, value);
    });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    await Promise.all(this.scrapers.map((scrape) => scrape().catch(() => undefined)));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
