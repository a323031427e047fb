import type { InstanceStore } from '../store/InstanceStore.ts';
import { SqliteFileStore } from '../store/SqliteFileStore.ts';
import type { AssessmentStore } from './AssessmentStore.ts';
import { SqliteAssessmentStore } from './SqliteAssessmentStore.ts';

/**
 * The assessment store that goes with an instance store: for a SqliteFileStore, a
 * SqliteAssessmentStore on the store's own connection (one database file, one write lock);
 * undefined for any other InstanceStore, which has to be given its AssessmentStore.
 */
export function assessmentStoreFor(store: InstanceStore): AssessmentStore | undefined {
  if (!(store instanceof SqliteFileStore)) return undefined;
  return new SqliteAssessmentStore(store.db);
}
