import { describe, expect, it } from 'vitest';
import type { EventBus } from '../../infra/events/event-bus.service';
import type { JobRecordsRepository, JobRow } from './job-records.repository';
import { JobRecordsService } from './job-records.service';

describe('JobRecordsService progress', () => {
  it('lands a job’s progress writes in the order they were made, even when the first is the slower', async () => {
    const stored: object[] = [];
    const delays = [30, 0]; // the first write takes longer than the second
    const repository = {
      update: async (id: string, data: { progress: object }) => {
        await new Promise((r) => setTimeout(r, delays.shift() ?? 0));
        stored.push(data.progress);
        return { id, state: 'running', hostId: null, step: null } as unknown as JobRow;
      },
    } as unknown as JobRecordsRepository;
    const events = { publish: async () => undefined } as unknown as EventBus;
    const records = new JobRecordsService(repository, events);
    await Promise.all([records.progress('j', { done: 1 }), records.progress('j', { done: 2 })]);
    expect(stored).toEqual([{ done: 1 }, { done: 2 }]);
  });

  it('goes on after a failed write', async () => {
    let calls = 0;
    const repository = {
      update: async (id: string) => {
        calls += 1;
        if (calls === 1) throw new Error('lost connection');
        return { id, state: 'running', hostId: null, step: null } as unknown as JobRow;
      },
    } as unknown as JobRecordsRepository;
    const records = new JobRecordsService(repository, { publish: async () => undefined } as unknown as EventBus);
    const [first, second] = await Promise.allSettled([records.progress('j', { done: 1 }), records.progress('j', { done: 2 })]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('fulfilled');
  });
});
