import type { LesionCarry } from './ResponseSession.ts';

interface Props {
  carry?: LesionCarry;
  /** Why the button is disabled; undefined when it may be pressed. */
  blocker?: string;
  onCarry: () => void;
}

const mm = (p: readonly number[]) => `(${p.map((v) => v.toFixed(1)).join(', ')})`;

/**
 * "Carry baseline lesions here": the button that measures the baseline's lesions in the open
 * follow-up, why it is disabled, what it is doing, and per lesion what it found or why not.
 */
export function CarryLesionsControl({ carry, blocker, onCarry }: Props) {
  return (
    <div className="carry-lesions" data-testid="carry-lesions" data-running={!!carry?.running}>
      <div className="row">
        <button data-action="carry-lesions" disabled={!!blocker} onClick={onCarry}
          title={blocker ?? 'register this study onto the baseline, carry each baseline lesion here and measure it with the one-click lesion tool (proposals to review)'}>
          Carry baseline lesions here
        </button>
        {blocker && !carry?.running && <span className="reason" data-testid="carry-blocker">{blocker}</span>}
      </div>
      {carry && <div className="note" data-testid="carry-status">{carry.step}</div>}
      {carry?.error && <div className="error" role="alert">{carry.error}</div>}
      {carry && carry.lesions.length > 0 && (
        <ul className="carried">
          {carry.lesions.map((l) => (
            <li key={l.lesionId} data-lesion={l.lesionId} className={l.problem ? 'error' : l.warning ? 'warning' : 'note'}
              title={l.carriedLps ? `baseline ${mm(l.baselineLps)} → here ${mm(l.carriedLps)} mm` : `baseline ${mm(l.baselineLps)} mm`}>
              {l.problem ?? l.warning ?? `${l.lesionId}: measured at ${mm(l.carriedLps!)} (proposal)`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
