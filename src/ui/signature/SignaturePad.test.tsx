// @vitest-environment jsdom
// jsdom has no canvas: the pad offers the typed name (WCAG 2.5.7) and says why drawing is not
// available. SignatureView redraws stored strokes as an inline SVG path, never an <img>.
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Signature } from '../../domain/events';
import { SignaturePad, signatureNameId } from './SignaturePad';
import { SignatureView } from './SignatureView';
import { emptySignature } from './strokes';

beforeEach(() => {
  // jsdom's getContext only logs "not implemented"; a device without a canvas returns null.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Harness({
  initial,
  onChange,
  drawingAvailable,
}: {
  initial: Signature;
  onChange: (s: Signature) => void;
  drawingAvailable?: boolean;
}) {
  const [value, setValue] = useState(initial);
  return (
    <SignaturePad
      id="sig"
      legend="Your signature"
      value={value}
      drawingAvailable={drawingAvailable}
      onChange={(s) => {
        setValue(s);
        onChange(s);
      }}
    />
  );
}

describe('SignaturePad without a canvas', () => {
  it('falls back to the typed name, and says drawing is not available', async () => {
    const changes: Signature[] = [];
    render(<Harness initial={emptySignature('')} onChange={(s) => changes.push(s)} />);
    const group = screen.getByRole('group', { name: 'Your signature' });
    const draw = within(group).getByRole('radio', { name: 'Draw the signature' });
    const type = within(group).getByRole('radio', { name: 'Type the name instead' });
    expect((draw as HTMLInputElement).disabled).toBe(true);
    expect((type as HTMLInputElement).checked).toBe(true);
    expect(within(group).getByText(/Drawing is not available on this device/)).toBeTruthy();
    expect(changes.at(-1)).toEqual({ kind: 'typed', name: '' });

    await userEvent.type(within(group).getByLabelText('Full name of the person signing'), 'Helen Okafor');
    expect(changes.at(-1)).toEqual({ kind: 'typed', name: 'Helen Okafor' });
    expect(within(group).getByText('Helen Okafor')).toBeTruthy();
    expect(document.querySelector('canvas, img, input[type=file]')).toBeNull();
  });

  it('names the field the error summary links to, and shows the error there', () => {
    render(
      <SignaturePad
        id="viewer"
        legend="Viewer"
        value={emptySignature('', 'typed')}
        onChange={() => {}}
        error="Viewer: type the name of the person signing. (R14.3)"
        drawingAvailable={false}
      />,
    );
    const input = document.getElementById(signatureNameId('viewer'));
    expect(input).toBeInstanceOf(HTMLInputElement);
    expect(input?.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/type the name of the person signing/)).toBeTruthy();
  });

  it('keeps the name when switching from a drawn value it cannot show', () => {
    const changes: Signature[] = [];
    render(
      <Harness
        initial={{ kind: 'drawn', name: 'Dev Patel', strokes: [], width: 0, height: 0 }}
        onChange={(s) => changes.push(s)}
        drawingAvailable={false}
      />,
    );
    expect(changes.at(-1)).toEqual({ kind: 'typed', name: 'Dev Patel' });
    expect(screen.getByLabelText('Full name of the person signing')).toHaveProperty('value', 'Dev Patel');
  });
});

describe('SignatureView', () => {
  it('redraws drawn strokes as an inline SVG path with an accessible name, not an image', () => {
    const sig: Signature = {
      kind: 'drawn',
      name: 'Helen Okafor',
      strokes: [
        [
          { x: 0, y: 0, t: 0 },
          { x: 10, y: 10, t: 16 },
          { x: 20, y: 0, t: 32 },
        ],
      ],
      width: 300,
      height: 100,
    };
    const { container } = render(<SignatureView signature={sig} />);
    const svg = screen.getByRole('img', { name: 'Signature of Helen Okafor, drawn on the tablet' });
    expect(svg.tagName.toLowerCase()).toBe('svg');
    expect(svg.getAttribute('viewBox')).toBe('0 0 300 100');
    expect(container.querySelector('path')?.getAttribute('d')).toBe('M0 0Q10 10 15 5L20 0');
    expect(container.querySelector('img, image, foreignObject')).toBeNull();
    expect(container.innerHTML).not.toMatch(/data:|href=/);
  });

  it('shows a typed signature as the name, marked as typed', () => {
    const { container } = render(<SignatureView signature={{ kind: 'typed', name: '<b>Dana</b>' }} />);
    expect(screen.getByText('<b>Dana</b>')).toBeTruthy();
    expect(screen.getByText('(typed name)')).toBeTruthy();
    expect(container.querySelector('b, img')).toBeNull();
  });
});
