export { Store, StoreError, DEFAULT_HISTORY_LIMIT } from './store';
export type { StoreEvent, StoreEventType, StoreSnapshot, StoreListener } from './store';
export { deepClone } from './clone';
