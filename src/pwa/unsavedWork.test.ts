import { afterEach, describe, expect, it } from 'vitest';
import { clearUnsavedWorkChecks, hasUnsavedWork, registerUnsavedWorkCheck } from './unsavedWork';

afterEach(() => clearUnsavedWorkChecks());

describe('the unsaved-work registry', () => {
  it('reports no unsaved work when no screen has registered a check', () => {
    expect(hasUnsavedWork()).toBe(false);
  });

  it('reports unsaved work when any one screen says so', () => {
    registerUnsavedWorkCheck(() => false);
    registerUnsavedWorkCheck(() => true);
    expect(hasUnsavedWork()).toBe(true);
  });

  it('asks each check at the moment of asking, not when it was registered', () => {
    let dirty = false;
    registerUnsavedWorkCheck(() => dirty);
    expect(hasUnsavedWork()).toBe(false);
    dirty = true;
    expect(hasUnsavedWork()).toBe(true);
  });

  it('forgets a check once the screen unregisters it', () => {
    const unregister = registerUnsavedWorkCheck(() => true);
    unregister();
    expect(hasUnsavedWork()).toBe(false);
  });

  it('keeps two registrations of the same function apart', () => {
    const check = () => true;
    const first = registerUnsavedWorkCheck(check);
    registerUnsavedWorkCheck(check);
    first();
    expect(hasUnsavedWork()).toBe(true);
  });

  it('treats a check that throws as unsaved work, so nothing is lost', () => {
    registerUnsavedWorkCheck(() => {
      throw new Error('form state unavailable');
    });
    expect(hasUnsavedWork()).toBe(true);
  });
});
