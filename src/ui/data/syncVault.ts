// The sync part of the unlocked vault, over src/storage/sync. Everything here is imported on
// demand, so a tablet without sync never loads it (or PouchDB).
import type { Session } from '../../storage';
import type { SyncStatusView, SyncVault } from '../sync/types';

const appOrigin = () => (typeof location === 'undefined' ? 'http://localhost' : location.origin);

export function syncVaultFor(session: Session): SyncVault {
  const config = () => import('../../storage/sync/config');
  return {
    async settings() {
      const server = await (await config()).readSyncServer(session);
      return server ? { url: server.url, username: server.username } : null;
    },
    async save(input) {
      const c = await config();
      const checked = c.checkSyncServer(input, appOrigin());
      if ('problems' in checked) return { ok: false, problems: checked.problems };
      // The establishment's directory key (docs/SYNC.md) stays with the settings.
      const before = await c.readSyncServer(session);
      await c.saveSyncServer(session, {
        ...checked.server,
        ...(before?.directoryKey ? { directoryKey: before.directoryKey } : {}),
      });
      return { ok: true, crossOrigin: checked.crossOrigin };
    },
    async forget() {
      await (await config()).forgetSyncServer(session);
    },
    async test(input) {
      const checked = (await config()).checkSyncServer(input, appOrigin());
      if ('problems' in checked) return { ok: false, problems: checked.problems };
      const { testSyncServer } = await import('../../storage/sync/runtime');
      return { ok: true, result: await testSyncServer(checked.server), crossOrigin: checked.crossOrigin };
    },
    async enrol(input) {
      const { EnrolError, makeEnrolment } = await import('../../storage/sync/enrol');
      try {
        return { ok: true, ...(await makeEnrolment(session, input, appOrigin())) };
      } catch (e) {
        if (e instanceof EnrolError) return { ok: false, ...e.problem };
        throw e;
      }
    },
    async tablets() {
      const { RevokeError, listJoinedTablets } = await import('../../storage/sync/revoke');
      try {
        return { ok: true, tablets: await listJoinedTablets(session) };
      } catch (e) {
        if (e instanceof RevokeError) return { ok: false, message: e.message };
        throw e;
      }
    },
    async revoke(username) {
      const { RevokeError, revokeTablet } = await import('../../storage/sync/revoke');
      try {
        await revokeTablet(session, username);
        return { ok: true };
      } catch (e) {
        if (e instanceof RevokeError) return { ok: false, message: e.message, itCommand: e.itCommand };
        throw e;
      }
    },
    async serverCopies(caseIds) {
      // Cheap check first: nothing is asked of a server that is not set up.
      if (caseIds.length === 0 || !(await (await config()).syncConfigured())) return null;
      const { purgeCommand, serverCopiesOf } = await import('../../storage/sync/serverCopies');
      const found = await serverCopiesOf(session, caseIds);
      if (!found) return null;
      return Object.fromEntries(
        caseIds.map((id) => [
          id,
          {
            state: found.copies[id] ?? 'unknown',
            command: purgeCommand(found.url, id, found.disclosures[id]),
            disclosure: (found.disclosures[id] ?? []).length > 0,
          },
        ]),
      );
    },
    async start(onStatus) {
      // Cheap check first: PouchDB and the sync actor load only when a server is set up.
      if (!(await (await config()).syncConfigured())) return null;
      const { startSync } = await import('../../storage/sync/runtime');
      const { signedOutReason } = await import('../../storage/sync/signedOut');
      return startSync(session, (snap) => {
        const c = snap.context;
        const view: SyncStatusView = {
          state: (typeof snap.value === 'string' && snap.value !== 'starting'
            ? snap.value
            : 'connecting') as SyncStatusView['state'],
          pending: c.pending,
          lastSyncedAt: c.lastSyncedAt,
          retryAt: c.retryAt,
          message: c.message,
          refused: c.refused,
          progress: c.progress,
          changes: c.changes,
          // Sync ended the session: the person signed in was removed as a key holder on another tablet.
          ...(session.locked ? { signedOut: true } : {}),
          ...(session.locked && signedOutReason(session) ? { signedOutReason: signedOutReason(session) } : {}),
        };
        onStatus(view);
      });
    },
  };
}
