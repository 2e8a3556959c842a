import { act, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventStreamUrl, topicPrefixes, useEventStream } from './use-event-stream';

class FakeEventSource extends EventTarget {
  static instances: FakeEventSource[] = [];
  closed = false;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances.push(this);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    this.dispatchEvent(Object.assign(new Event(type), { data: data === undefined ? undefined : JSON.stringify(data) }));
  }
}

function Listener({ events, onEvent }: { events: string[]; onEvent: (e: string, d: Record<string, unknown>) => void }) {
  useEventStream(events, onEvent);
  return null;
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeEventSource.instances = [];
});

describe('topicPrefixes and eventStreamUrl', () => {
  it('asks the server for each first segment once', () => {
    expect(topicPrefixes(['image.revision', 'registry.updated', 'image.updated'])).toEqual(['image', 'registry']);
    expect(eventStreamUrl(['image.updated'])).toBe('/api/events?topics=image');
  });
});

describe('useEventStream', () => {
  it('delivers the named events with their data, signals reconnects, and closes on unmount', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const seen: [string, Record<string, unknown>][] = [];
    const view = render(<Listener events={['image.revision', 'registry.updated']} onEvent={(e, d) => seen.push([e, d])} />);
    const source = FakeEventSource.instances[0];
    if (!source) throw new Error('no EventSource opened');
    expect(source.url).toBe('/api/events?topics=image%2Cregistry');

    act(() => {
      source.emit('open');
      source.emit('image.revision', { imageId: 'i1', digest: 'sha256:1' });
      source.emit('image.deleted', { id: 'i1' });
      source.emit('open');
    });
    expect(seen).toEqual([
      ['image.revision', { imageId: 'i1', digest: 'sha256:1' }],
      ['reconnected', {}],
    ]);
    view.unmount();
    expect(source.closed).toBe(true);
  });

  it('does nothing without EventSource', () => {
    vi.stubGlobal('EventSource', undefined);
    expect(() => render(<Listener events={['image.updated']} onEvent={() => undefined} />)).not.toThrow();
  });
});
