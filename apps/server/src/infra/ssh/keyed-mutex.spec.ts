import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedMutex', () => {
  it('runs work for one key strictly one after another, in order', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = mutex.run('h1', async () => {
      events.push('first start');
      await new Promise<void>((r) => (releaseFirst = r));
      events.push('first end');
    });
    const second = mutex.run('h1', async () => {
      events.push('second');
    });
    await tick();
    expect(events).toEqual(['first start']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first start', 'first end', 'second']);
    expect(mutex.busyKeys).toBe(0);
  });

  it('lets different keys run at the same time and survives failures', async () => {
    const mutex = new KeyedMutex();
    let running = 0;
    let peak = 0;
    const work = async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
    };
    await Promise.all([mutex.run('a', work), mutex.run('b', work), mutex.run('c', work)]);
    expect(peak).toBe(3);
    await expect(mutex.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('a', async () => 42)).resolves.toBe(42);
    expect(mutex.busyKeys).toBe(0);
  });
});
