import type { CodedConcept } from '../../segmentation/CodedConcept.ts';
import type { NaturalDataset } from '../write/writePart10.ts';
import type { SrObserver } from './MeasurementReport.ts';
import { srItem } from './srContentItems.ts';
import { SR_CONCEPT, SR_VALUE } from './srCodes.ts';

/**
 * The Observer Context content items (PS3.16 TID 1002, included by TID 1001 in TID 1500 as HAS OBS
 * CONTEXT): Observer Type, then a person's name and organization (TID 1003) or a device's UID,
 * name, manufacturer, model and serial number (TID 1004).
 */
export function observerContextItems(observer: SrObserver): NaturalDataset[] {
  const ctx = 'HAS OBS CONTEXT' as const;
  if (observer.kind === 'person') {
    return [
      srItem.code(ctx, SR_CONCEPT.observerType, SR_VALUE.person),
      srItem.pname(ctx, SR_CONCEPT.personObserverName, observer.name),
      ...(observer.organization ? [srItem.text(ctx, SR_CONCEPT.personObserverOrganization, observer.organization)] : []),
    ];
  }
  const optional: ['name' | 'manufacturer' | 'modelName' | 'serialNumber', CodedConcept][] = [
    ['name', SR_CONCEPT.deviceObserverName],
    ['manufacturer', SR_CONCEPT.deviceObserverManufacturer],
    ['modelName', SR_CONCEPT.deviceObserverModelName],
    ['serialNumber', SR_CONCEPT.deviceObserverSerialNumber],
  ];
  return [
    srItem.code(ctx, SR_CONCEPT.observerType, SR_VALUE.device),
    srItem.uidref(ctx, SR_CONCEPT.deviceObserverUid, observer.uid),
    ...optional.filter(([key]) => observer[key]).map(([key, concept]) => srItem.text(ctx, concept, String(observer[key]))),
  ];
}
