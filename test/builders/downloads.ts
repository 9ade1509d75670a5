// jsdom has no object URLs: capture the files a screen offers to save (backup, transfer, CSV) as
// Blobs the test can read, in the order they were made. Call in beforeEach; vi.restoreAllMocks undoes it.
import { vi } from 'vitest';

export function captureDownloads(): Blob[] {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    blobs.push(b as Blob);
    return `blob:test/${blobs.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  return blobs;
}
