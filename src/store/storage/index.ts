export { createStorageStore, type StorageStore, type StorageStoreState } from './createStorageStore';
export { humanBytes, parseBytes, usedAgo } from './words';
