export { WindowsModule } from './windows.module';
export { type HostOpenings, NEXT_OPENINGS_SHOWN, WindowsService } from './windows.service';
export type { SelectableHost, WindowSelector } from './window-selector';
export type { Opening, RebootDecision, WindowSpec } from './schedule';
