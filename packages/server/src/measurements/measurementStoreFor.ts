import type { InstanceStore } from '../store/InstanceStore.ts';
import { SqliteFileStore } from '../store/SqliteFileStore.ts';
import type { MeasurementStore } from './MeasurementStore.ts';
import { SqliteMeasurementStore } from './SqliteMeasurementStore.ts';

/**
 * The measurement store that goes with an instance store: for a SqliteFileStore, a
 * SqliteMeasurementStore on the store's own connection (one database file, one write lock, the
 * instance index visible to its transactions); undefined for any other InstanceStore, which
 * has to be given its MeasurementStore (createServer option `measurements`).
 */
export function measurementStoreFor(store: InstanceStore): MeasurementStore | undefined {
  if (!(store instanceof SqliteFileStore)) return undefined;
  return new SqliteMeasurementStore(store.db);
}
