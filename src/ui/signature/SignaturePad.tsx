// A signature for a sign-off or a viewing record (issue 4 item 7): drawn on the tablet with a
// finger or stylus (signature_pad on a <canvas>), or typed by anyone who cannot draw (WCAG 2.5.7).
// What is kept is the domain's `Signature`: the strokes as numbers, never a picture or data URL.
// `SignatureView` redraws stored strokes as an inline SVG path built from React elements.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import SignaturePadLib from 'signature_pad';
import type { Signature } from '../../domain/events';
import { Button, Radios, TextInput, VisuallyHidden } from '../components';
import { Hint } from '../components/form/parts';
import { emptySignature, strokeCount, strokesToPadData, toDrawnSignature } from './strokes';
import './signature.css';

let supported: boolean | undefined;

/** Can this device draw on a canvas? (jsdom and some locked-down browsers cannot.) */
export function canvasDrawingSupported(): boolean {
  if (supported !== undefined) return supported;
  try {
    supported = typeof document !== 'undefined' && document.createElement('canvas').getContext('2d') !== null;
  } catch {
    supported = false;
  }
  return supported;
}

/** The id of the signer's name field: where an error summary should link for this signature. */
export const signatureNameId = (id: string): string => `${id}-name`;

const PEN = {
  penColor: '#0b0c0c',
  minWidth: 0.8,
  maxWidth: 2.6,
  velocityFilterWeight: 0.7,
  dotSize: 0,
  compositeOperation: 'source-over' as const,
};

export interface SignaturePadProps {
  /** Base id: the name field is `${id}-name`, the Draw/Type radios `${id}-mode`. */
  id: string;
  /** What is being signed, e.g. "Viewer's signature". */
  legend: ReactNode;
  hint?: ReactNode;
  /** Heading level of the legend (default 2). */
  headingLevel?: 2 | 3;
  value: Signature;
  onChange: (value: Signature) => void;
  /** Shown at the name field (the error summary links there). */
  error?: string | undefined;
  nameLabel?: ReactNode;
  nameHint?: ReactNode;
  /** Override the canvas check (drawing off: only the typed name is offered). */
  drawingAvailable?: boolean;
}

export function SignaturePad({
  id,
  legend,
  hint,
  headingLevel = 2,
  value,
  onChange,
  error,
  nameLabel,
  nameHint,
  drawingAvailable,
}: SignaturePadProps) {
  const [canDraw, setCanDraw] = useState<boolean>(() => drawingAvailable ?? canvasDrawingSupported());
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePadLib | null>(null);
  // The latest props, for the pad's event handlers (bound once per canvas).
  const latest = useRef({ value, onChange });
  useLayoutEffect(() => {
    latest.current = { value, onChange };
  });
  // The last drawing, so switching to "type" and back does not lose it.
  const lastDrawn = useRef<Signature | null>(null);
  const mode: 'draw' | 'type' = value.kind === 'drawn' && canDraw ? 'draw' : 'type';

  // No canvas here: a drawn value becomes a typed one, keeping the name.
  useEffect(() => {
    if (!canDraw && value.kind === 'drawn') onChange(emptySignature(value.name, 'typed'));
  }, [canDraw, value, onChange]);

  useEffect(() => {
    if (mode !== 'draw') return;
    const canvas = canvasRef.current;
    if (!canvas) return;
    if (!canvas.getContext('2d')) {
      setCanDraw(false);
      return;
    }
    const pad = new SignaturePadLib(canvas, PEN);
    padRef.current = pad;
    let lastWidth = -1;
    const size = () => {
      const rect = canvas.getBoundingClientRect();
      if (rect.width === 0 || rect.width === lastWidth) return;
      lastWidth = rect.width;
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = Math.round(rect.width * ratio);
      canvas.height = Math.round(rect.height * ratio);
      canvas.getContext('2d')?.scale(ratio, ratio);
      pad.clear();
      const v = latest.current.value;
      if (v.kind === 'drawn' && v.strokes.length > 0) pad.fromData(strokesToPadData(v.strokes, PEN));
    };
    size();
    const onEnd = () => {
      const rect = canvas.getBoundingClientRect();
      latest.current.onChange(toDrawnSignature(pad.toData(), latest.current.value.name, rect.width, rect.height));
    };
    pad.addEventListener('endStroke', onEnd);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(size);
    observer?.observe(canvas);
    window.addEventListener('orientationchange', size);
    return () => {
      pad.removeEventListener('endStroke', onEnd);
      pad.off();
      observer?.disconnect();
      window.removeEventListener('orientationchange', size);
      padRef.current = null;
    };
  }, [mode]);

  // The form was reset (an empty drawn value) while the pad still shows strokes.
  useEffect(() => {
    const pad = padRef.current;
    if (pad && value.kind === 'drawn' && value.strokes.length === 0 && !pad.isEmpty()) pad.clear();
  }, [value]);

  const emitFromPad = () => {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (!pad || !canvas) return;
    const rect = canvas.getBoundingClientRect();
    onChange(toDrawnSignature(pad.toData(), value.name, rect.width, rect.height));
  };

  const setMode = (m: string) => {
    if (m === 'type' && value.kind === 'drawn') {
      lastDrawn.current = value;
      onChange(emptySignature(value.name, 'typed'));
    } else if (m === 'draw' && value.kind === 'typed') {
      onChange(lastDrawn.current ? { ...lastDrawn.current, name: value.name } : emptySignature(value.name, 'drawn'));
    }
  };

  const count = strokeCount(value);
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const headingId = `${id}-heading`;
  return (
    <div
      id={id}
      className={`app-signature${error ? ' app-signature--error' : ''}`}
      role="group"
      aria-labelledby={headingId}
    >
      <Heading id={headingId} className="app-heading-m app-signature__heading">
        {legend}
      </Heading>
      <Hint id={id}>{hint}</Hint>
      <TextInput
        id={signatureNameId(id)}
        label={nameLabel ?? 'Full name of the person signing'}
        hint={nameHint}
        error={error}
        value={value.name}
        onChange={(name) => onChange({ ...value, name })}
        autoComplete="off"
        spellCheck={false}
      />
      <Radios
        id={`${id}-mode`}
        legend="How will they sign?"
        legendSize="s"
        items={[
          {
            value: 'draw',
            label: 'Draw the signature',
            hint: canDraw
              ? 'With a finger or a stylus, in the box below.'
              : 'Drawing is not available on this device: type the name instead.',
            disabled: !canDraw,
          },
          {
            value: 'type',
            label: 'Type the name instead',
            hint: 'For anyone who cannot draw a signature: the typed name above is the signature.',
          },
        ]}
        value={mode}
        onChange={setMode}
      />
      {mode === 'draw' ? (
        <div className="app-signature-pad">
          <p className="app-hint" id={`${id}-draw-hint`}>
            Sign in the box. Nothing is kept but the pen’s path. If you cannot draw, choose “Type the name instead”.
          </p>
          <div className="app-signature-pad__surface">
            <canvas
              ref={canvasRef}
              className="app-signature-pad__canvas"
              role="img"
              aria-label={`Signature drawing area${value.name.trim() ? ` for ${value.name.trim()}` : ''}`}
              aria-describedby={`${id}-draw-hint ${id}-status`}
            />
            <span className="app-signature-pad__line" aria-hidden="true" />
          </div>
          <p id={`${id}-status`} className="app-body-s app-signature-pad__status" aria-live="polite">
            {count === 0 ? 'Nothing drawn yet.' : `Signature drawn (${count} stroke${count === 1 ? '' : 's'}).`}
          </p>
          <div className="app-button-group app-signature-pad__actions">
            <Button
              variant="secondary"
              onClick={() => {
                const pad = padRef.current;
                if (!pad) return;
                const data = pad.toData();
                pad.fromData(data.slice(0, -1));
                emitFromPad();
              }}
            >
              Undo the last stroke
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                padRef.current?.clear();
                emitFromPad();
              }}
            >
              Clear <VisuallyHidden>the signature</VisuallyHidden>
            </Button>
          </div>
        </div>
      ) : (
        <p className="app-body app-signature__typed-preview" aria-live="polite">
          {value.name.trim() ? (
            <>
              Signed as: <span className="app-signature-view__typed">{value.name}</span>
            </>
          ) : (
            'Type the full name above: it will be the signature.'
          )}
        </p>
      )}
    </div>
  );
}
