/** @voxa/server — the archive: DICOMweb over an embedded SQLite + files store. */
export * from './createServer.ts';
export * from './store/InstanceStore.ts';
export * from './store/openSqliteFileStore.ts';
export * from './export/index.ts';
export * from './dimse/index.ts';
export * from './remote/index.ts';
export * from './models/index.ts';
