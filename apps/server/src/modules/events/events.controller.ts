import { Controller, type MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, type Observable } from 'rxjs';
import { RequireRole } from '../../common/auth/auth.decorators';
import { EventBus } from '../../infra/events/event-bus.service';

const HEARTBEAT_MS = 15_000;
const TOPIC_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/;

@ApiTags('events')
@RequireRole('viewer')
@Controller('events')
export class EventsController {
  constructor(private readonly bus: EventBus) {}

  /**
   * Server-sent events for the dashboard: `event: <topic>` with a small JSON payload naming what
   * changed; clients re-fetch what they show. A comment line every 15 s keeps proxies from closing
   * the stream.
   */
  @Sse()
  @ApiQuery({ name: 'topics', required: false, description: 'Comma-separated topic prefixes, e.g. host,image' })
  @ApiOkResponse({ description: 'text/event-stream of {topic, data} events' })
  stream(@Query('topics') topics?: string): Observable<MessageEvent> {
    const prefixes = (topics ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => TOPIC_PATTERN.test(t))
      .slice(0, 20);
    return merge(
      this.bus.stream(prefixes).pipe(map((e): MessageEvent => ({ type: e.topic, data: e.data }))),
      interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: {} }))),
    );
  }
}
