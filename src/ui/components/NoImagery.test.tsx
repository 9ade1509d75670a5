// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { NoImagery, NO_IMAGERY_MESSAGE } from './NoImagery';

afterEach(cleanup);

function fileTransfer(type: string) {
  const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'photo.png', { type });
  return { files: [file], items: [{ kind: 'file', type }], getData: () => '' } as unknown as DataTransfer;
}

describe('no imagery, anywhere', () => {
  it('a pasted image is refused and the app says why', () => {
    render(
      <>
        <label htmlFor="f">Account</label>
        <textarea id="f" />
        <NoImagery />
      </>,
    );
    const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(event, 'clipboardData', { value: fileTransfer('image/png') });
    act(() => {
      screen.getByLabelText('Account').dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(true);
    expect(screen.getByRole('status').textContent).toBe(NO_IMAGERY_MESSAGE);
  });

  it('a dropped file does not open in the tab and the app says why', () => {
    render(<NoImagery />);
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, 'dataTransfer', { value: fileTransfer('image/jpeg') });
    act(() => {
      document.body.dispatchEvent(drop);
    });
    expect(drop.defaultPrevented).toBe(true);
    expect(screen.getByRole('status').textContent).toBe(NO_IMAGERY_MESSAGE);
  });

  it('pasting plain text is left alone', () => {
    render(<NoImagery />);
    const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(event, 'clipboardData', {
      value: { files: [], items: [{ kind: 'string', type: 'text/plain' }], getData: () => '' },
    });
    act(() => {
      document.body.dispatchEvent(event);
    });
    expect(event.defaultPrevented).toBe(false);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
