import { performance } from 'node:perf_hooks';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { abortableDelay, type SqlDatabase } from '@csc/event-store';
import { READ_MODELS_ENGINE, readCheckpoint, type ReadModelName } from '@csc/projections';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import { SQL_DATABASE } from '../infrastructure/tokens';
import { ProjectionsLifecycle } from './projections.lifecycle';

const POLL_MS = 50;

/**
 * Read-your-writes: a read that names minPosition (the position a write answered with) waits until
 * the read models it uses have applied that position, or answers 503 after READ_MODEL_WAIT_MS.
 */
@Injectable()
export class ReadModelFreshness {
  constructor(
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    private readonly projections: ProjectionsLifecycle,
  ) {}

  async waitFor(readModels: readonly ReadModelName[], minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const timeoutMs = this.config.readModels.waitForPositionMs;
    const reached = await Promise.all(readModels.map((name) => this.reaches(name, minPosition, timeoutMs)));
    const behind = readModels.filter((_, index) => !reached[index]);
    if (behind.length > 0) {
      throw new HttpException(
        {
          error: {
            code: 'READ_MODEL_BEHIND',
            message: `The read model${behind.length > 1 ? 's' : ''} ${behind.join(', ')} had not reached position ${minPosition} within ${timeoutMs} ms; retry shortly, or check /health.`,
            field: 'minPosition',
          },
        },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
  }

  private async reaches(name: ReadModelName, position: number, timeoutMs: number): Promise<boolean> {
    const runner = this.projections.runner(name);
    if (runner) return runner.waitForPosition(position, timeoutMs);
    // The projections run in another process: watch the checkpoint their engine advances.
    const deadline = performance.now() + timeoutMs;
    const signal = new AbortController().signal;
    for (;;) {
      if ((await readCheckpoint(this.database.pool, READ_MODELS_ENGINE)).position >= position) return true;
      if (performance.now() >= deadline) return false;
      await abortableDelay(POLL_MS, signal);
    }
  }
}
