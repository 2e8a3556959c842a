import { useEffect, useRef } from 'react';

export const EVENTS_PATH = '/api/events';

/** `image.revision` → `image`: the server filters streams by first topic segment. */
export function topicPrefixes(events: readonly string[]): string[] {
  return [...new Set(events.map((e) => e.split('.')[0] ?? e))].sort();
}

export function eventStreamUrl(events: readonly string[]): string {
  return `${EVENTS_PATH}?topics=${encodeURIComponent(topicPrefixes(events).join(','))}`;
}

export type EventHandler = (event: string, data: Record<string, unknown>) => void;

function parse(data: unknown): Record<string, unknown> {
  try {
    const value: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Server-sent events named in `events` (e.g. `image.revision`), from one EventSource per caller.
 * After the stream reconnects, `onEvent('reconnected', {})` tells the caller to re-fetch what it
 * shows: events sent while it was away are lost. Does nothing where EventSource is missing (tests).
 */
export function useEventStream(events: readonly string[], onEvent: EventHandler): void {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const key = [...events].sort().join(',');

  useEffect(() => {
    if (typeof EventSource === 'undefined' || key === '') return undefined;
    const names = key.split(',');
    const source = new EventSource(eventStreamUrl(names));
    let opened = false;
    const listeners = names.map((name) => {
      const listener = (e: Event) => handler.current(name, parse((e as MessageEvent).data));
      source.addEventListener(name, listener);
      return [name, listener] as const;
    });
    const onOpen = () => {
      if (opened) handler.current('reconnected', {});
      opened = true;
    };
    source.addEventListener('open', onOpen);
    return () => {
      for (const [name, listener] of listeners) source.removeEventListener(name, listener);
      source.removeEventListener('open', onOpen);
      source.close();
    };
  }, [key]);
}
