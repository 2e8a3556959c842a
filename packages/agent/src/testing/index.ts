export { FakeExecutor, type FakeReply, type RecordedCall } from './fake-executor';
