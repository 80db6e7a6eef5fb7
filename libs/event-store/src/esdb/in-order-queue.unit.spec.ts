import { PassThrough } from 'node:stream';
import { InOrderQueue } from './in-order-queue';

describe('InOrderQueue', () => {
  it('holds a signal back until the events buffered before it have been taken', async () => {
    const queue = new InOrderQueue<string>();
    queue.pushEvent('e1');
    queue.pushSignal('checkpoint', 2);
    queue.pushEvent('e2');
    queue.pushEvent('e3');
    queue.pushEvent('e4');
    expect(await drain(queue, 5)).toEqual(['e1', 'e2', 'e3', 'checkpoint', 'e4']);
  });

  it('delivers a signal at once when nothing was buffered', async () => {
    const queue = new InOrderQueue<string>();
    queue.pushEvent('e1');
    queue.pushSignal('checkpoint', 0);
    expect(await drain(queue, 2)).toEqual(['e1', 'checkpoint']);
  });

  it('keeps the order of a Readable whose buffer still holds events when the signal arrives', async () => {
    const queue = new InOrderQueue<string>();
    const stream = new PassThrough({ objectMode: true });
    stream.on('data', (item: string) => queue.pushEvent(item));
    stream.pause();
    stream.write('e1');
    stream.write('e2');
    await new Promise((resolve) => setImmediate(resolve));
    queue.pushSignal('checkpoint', stream.readableLength);
    stream.resume();
    stream.write('e3');
    expect(await drain(queue, 4)).toEqual(['e1', 'e2', 'checkpoint', 'e3']);
  });

  it('resolves a pending next() as undefined when ended', async () => {
    const queue = new InOrderQueue<string>();
    const pending = queue.next();
    queue.end();
    expect(await pending).toBeUndefined();
    queue.pushEvent('late');
    expect(await queue.next()).toBeUndefined();
  });

  it('rejects next() once failed', async () => {
    const queue = new InOrderQueue<string>();
    const pending = queue.next();
    queue.fail(new Error('dropped'));
    await expect(pending).rejects.toThrow('dropped');
  });
});

async function drain(queue: InOrderQueue<string>, count: number): Promise<string[]> {
  const items: string[] = [];
  while (items.length < count) items.push((await queue.next())!);
  return items;
}
