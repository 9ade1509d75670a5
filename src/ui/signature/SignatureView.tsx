// A recorded signature shown back: the strokes drawn, or the name typed, with who signed.
import type { Signature } from '../../domain/events';
import { strokesBounds, strokesToPath } from './strokes';

export interface SignatureViewProps {
  signature: Signature;
  /** Read by screen readers for a drawn signature; defaults to "Signature of <name>, drawn". */
  label?: string;
}

/** A stored signature for review pages: drawn strokes as an inline SVG path, or the typed name. */
export function SignatureView({ signature, label }: SignatureViewProps) {
  if (signature.kind === 'typed') {
    return (
      <p className="app-body app-signature-view">
        <span className="app-signature-view__typed">{signature.name}</span>{' '}
        <span className="app-secondary-text">(typed name)</span>
      </p>
    );
  }
  const bounds = strokesBounds(signature.strokes);
  const width = Math.max(signature.width || 0, bounds.width, 1);
  const height = Math.max(signature.height || 0, bounds.height, 1);
  return (
    <figure className="app-signature-view">
      <svg
        className="app-signature-view__svg"
        role="img"
        aria-label={label ?? `Signature of ${signature.name}, drawn on the tablet`}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMinYMid meet"
        focusable="false"
        xmlns="http://www.w3.org/2000/svg"
      >
        <path
          d={strokesToPath(signature.strokes)}
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
          strokeLinejoin="round"
          vectorEffect="non-scaling-stroke"
        />
      </svg>
      <figcaption className="app-signature-view__caption">{signature.name} (drawn)</figcaption>
    </figure>
  );
}
