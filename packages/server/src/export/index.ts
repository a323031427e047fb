/** Study and series export: ZIP or files, as stored or de-identified (route and `voxa export`). */
export * from './exportErrors.ts';
export * from './exportInstances.ts';
export * from './exportPlugin.ts';
export * from './zipStream.ts';
