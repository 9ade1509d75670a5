// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import {
  DraftContext,
  discardDraftsFor,
  flushDrafts,
  flushDraftsReport,
  useDraftField,
  useDraftState,
  type DraftStore,
} from './drafts';

afterEach(cleanup);

function memoryStore(): DraftStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    load: async (k) => data.get(k),
    save: async (k, v) => void data.set(k, structuredClone(v)),
    remove: async (k) => void data.delete(k),
  };
}

function Form() {
  const d = useDraftState('review:c1', () => ({ text: '' }));
  const [kept, setKept] = useState<boolean | null>(null);
  return (
    <>
      {d.restored && <p>restored</p>}
      {kept !== null && <p>{kept ? 'kept' : 'not kept'}</p>}
      <button type="button" onClick={() => void d.keep().then(setKept)}>
        Continue
      </button>
      <label htmlFor="t">Text</label>
      <input id="t" value={d.value.text} onChange={(e) => d.set({ text: e.target.value })} />
      <button type="button" onClick={() => void d.discard()}>
        Saved
      </button>
    </>
  );
}

describe('unsaved answers across a lock', () => {
  it('count the forms whose answers could not be kept (storage full), so the lock can say so', async () => {
    const store = {
      ...memoryStore(),
      save: async () => Promise.reject(new Error('The device is out of storage space, so this step was not saved.')),
    };
    const user = userEvent.setup();
    render(
      <DraftContext.Provider value={store}>
        <Form />
      </DraftContext.Provider>,
    );
    await user.type(screen.getByLabelText('Text'), 'Typed when the device was full');
    await act(async () => {
      expect(await flushDraftsReport(store)).toEqual({ saved: 0, failed: 1 });
    });
  });

  it('are saved when the app locks and offered back when the form opens again', async () => {
    const store = memoryStore();
    const user = userEvent.setup();
    const first = render(
      <DraftContext.Provider value={store}>
        <Form />
      </DraftContext.Provider>,
    );
    await user.type(screen.getByLabelText('Text'), 'Dana Shah (DSL)');
    await act(async () => {
      expect(await flushDrafts(store)).toBe(1);
    });
    first.unmount();
    render(
      <DraftContext.Provider value={store}>
        <Form />
      </DraftContext.Provider>,
    );
    expect(await screen.findByText('restored')).toBeTruthy();
    expect((screen.getByLabelText('Text') as HTMLInputElement).value).toBe('Dana Shah (DSL)');
  });

  it('are forgotten once recorded, and an untouched form saves nothing', async () => {
    const store = memoryStore();
    const user = userEvent.setup();
    render(
      <DraftContext.Provider value={store}>
        <Form />
      </DraftContext.Provider>,
    );
    await act(async () => {
      expect(await flushDrafts(store)).toBe(0);
    });
    await user.type(screen.getByLabelText('Text'), 'x');
    await user.click(screen.getByRole('button', { name: 'Saved' }));
    await act(async () => {
      expect(await flushDrafts(store)).toBe(0);
    });
    expect(store.data.size).toBe(0);
  });
});

function NoteForm() {
  const [text, setText] = useDraftField('text', '');
  return (
    <>
      <label htmlFor="n">Note</label>
      <input id="n" value={text} onChange={(e) => setText(e.target.value)} />
    </>
  );
}

describe('unsaved answers on every step form', () => {
  it('are kept per screen and field, and forgotten once that screen records its step', async () => {
    const store = memoryStore();
    const user = userEvent.setup();
    const view = render(
      <DraftContext.Provider value={store}>
        <MemoryRouter initialEntries={['/cases/c1/note']}>
          <NoteForm />
        </MemoryRouter>
      </DraftContext.Provider>,
    );
    await user.type(screen.getByLabelText('Note'), 'Spoke to Leo');
    view.unmount();
    await act(async () => {
      expect(await flushDrafts(store)).toBe(1);
    });
    expect([...store.data.keys()]).toEqual(['/cases/c1/note:text']);
    await act(async () => {
      await discardDraftsFor(store, '/cases/c1/note');
    });
    expect(store.data.size).toBe(0);
    await act(async () => {
      expect(await flushDrafts(store)).toBe(0);
    });
  });

  it('are kept at once on "Continue" between the pages of a form, before any lock; a full device says so', async () => {
    const store = memoryStore();
    const user = userEvent.setup();
    render(
      <DraftContext.Provider value={store}>
        <Form />
      </DraftContext.Provider>,
    );
    await user.type(screen.getByLabelText('Text'), 'Page one');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('kept')).toBeTruthy();
    expect(store.data.get('review:c1')).toEqual({ text: 'Page one' });
    cleanup();
    const full = { ...memoryStore(), save: async () => Promise.reject(new Error('out of storage space')) };
    render(
      <DraftContext.Provider value={full}>
        <Form />
      </DraftContext.Provider>,
    );
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('not kept')).toBeTruthy();
  });
});
