import { describe, expect, it, vi } from 'vitest';
import { createUpdateController } from './updateController';

function setup(unsaved = false) {
  const deps = {
    hasUnsavedWork: vi.fn<() => boolean>(() => unsaved),
    activateWaitingWorker: vi.fn<() => void>(),
    reload: vi.fn<() => void>(),
  };
  return { deps, updates: createUpdateController(deps) };
}

describe('the update prompt', () => {
  it('offers nothing until a new version is waiting', () => {
    const { deps, updates } = setup();
    expect(updates.getStatus()).toBe('none');
    expect(updates.accept()).toBe('none');
    expect(deps.activateWaitingWorker).not.toHaveBeenCalled();
  });

  it('offers the update when a new version is waiting', () => {
    const { updates } = setup();
    updates.newVersionWaiting();
    expect(updates.getStatus()).toBe('available');
  });

  it('activates the new version when the user accepts and nothing is unsaved', () => {
    const { deps, updates } = setup(false);
    updates.newVersionWaiting();
    expect(updates.accept()).toBe('activating');
    expect(deps.activateWaitingWorker).toHaveBeenCalledTimes(1);
    expect(deps.reload).not.toHaveBeenCalled();
  });

  it('reloads once the new version controls the page, and only once', () => {
    const { deps, updates } = setup(false);
    updates.newVersionWaiting();
    updates.accept();
    updates.newVersionControlling();
    updates.newVersionControlling();
    expect(deps.reload).toHaveBeenCalledTimes(1);
  });

  it('neither activates nor reloads while a screen has unsaved answers', () => {
    const { deps, updates } = setup(true);
    updates.newVersionWaiting();
    expect(updates.accept()).toBe('blocked');
    expect(deps.activateWaitingWorker).not.toHaveBeenCalled();
    expect(deps.reload).not.toHaveBeenCalled();
  });

  it('activates on a second try once the answers are saved', () => {
    let unsaved = true;
    const deps = {
      hasUnsavedWork: () => unsaved,
      activateWaitingWorker: vi.fn<() => void>(),
      reload: vi.fn<() => void>(),
    };
    const updates = createUpdateController(deps);
    updates.newVersionWaiting();
    updates.accept();
    unsaved = false;
    expect(updates.accept()).toBe('activating');
    expect(deps.activateWaitingWorker).toHaveBeenCalledTimes(1);
  });

  it('does not reload when another tab activated the new version: it asks instead', () => {
    const { deps, updates } = setup(false);
    updates.newVersionWaiting();
    updates.newVersionControlling();
    expect(updates.getStatus()).toBe('reload-needed');
    expect(deps.reload).not.toHaveBeenCalled();
    updates.accept();
    expect(deps.reload).toHaveBeenCalledTimes(1);
    expect(deps.activateWaitingWorker).not.toHaveBeenCalled();
  });

  it('after another tab updated, still refuses to reload over unsaved answers', () => {
    let unsaved = true;
    const deps = {
      hasUnsavedWork: () => unsaved,
      activateWaitingWorker: vi.fn<() => void>(),
      reload: vi.fn<() => void>(),
    };
    const updates = createUpdateController(deps);
    updates.newVersionControlling();
    expect(updates.accept()).toBe('blocked');
    expect(deps.reload).not.toHaveBeenCalled();
    unsaved = false;
    updates.accept();
    expect(deps.reload).toHaveBeenCalledTimes(1);
  });

  it('hides the banner when the user chooses "Not now"', () => {
    const { updates } = setup();
    const listener = vi.fn<() => void>();
    updates.subscribe(listener);
    updates.newVersionWaiting();
    updates.dismiss();
    expect(updates.getStatus()).toBe('none');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
