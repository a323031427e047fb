/** The "auto" marker of an automatic proposal: a measurement with `algorithm`, not yet edited or accepted by a reader. */
export function AutoMarker({ algorithm }: { algorithm?: string }) {
  if (!algorithm) return null;
  return <span className="auto" data-testid="auto-proposal" title={`proposed by ${algorithm}; edit or review to accept`}>auto</span>;
}
