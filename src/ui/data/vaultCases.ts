// The cases part of the unlocked Vault over src/storage: open, record, list and create cases, the
// disclosure inbox, drafts, and destroying a case with two key holders.
import * as store from '../../storage';
import type { EventDraft, LoadedCase, TwoKeyHolders } from './gateway';
import { RefusedError, type DestroyCaseRequest, type DestroyedCaseRecord, type InboxItem } from './vault';
import type { DestructionNoteCheck, KeyRotationProgress } from './vault';
import type { SealedDisclosurePayload } from '../disclosure/StaffDisclosurePage';
import { destroyedRecord, twoKeyRefusal } from './vaultRefusals';

export function caseVault(session: store.Session) {
  const load = async (caseId: string): Promise<LoadedCase> => {
    const c = await store.loadCase(session, caseId);
    return { snapshot: c.snapshot, events: c.events };
  };
  return {
    load,

    async record(caseId: string, draft: EventDraft, keys?: TwoKeyHolders): Promise<LoadedCase> {
      if (draft.type === 'retention.date-set' || draft.type === 'retention.reviewed') {
        // Storage works out the date it replaces and, when it is brought forward, checks both passphrases.
        try {
          await store.setReviewDate(session, caseId, {
            kind: draft.type === 'retention.date-set' ? 'date-set' : 'reviewed',
            date: draft.type === 'retention.date-set' ? draft.reviewDate : draft.keepUntil,
            reason: draft.reason,
            occurredAt: draft.occurredAt,
            passphrase: keys?.passphrase,
            secondUserId: draft.approvedBy?.userId,
            secondPassphrase: keys?.secondPassphrase,
          });
        } catch (e) {
          throw (await twoKeyRefusal(e)) ?? e;
        }
        return load(caseId);
      }
      await store.appendEvent(session, caseId, { ...draft, actor: session.actor } as store.EventDraft);
      return load(caseId);
    },

    async caseRecordForExport(caseId: string) {
      const c = await store.loadCase(session, caseId);
      return { events: c.events, chainHead: `${c.head.seq}:${c.head.digest}` };
    },

    listCases() {
      return store.listSummaries(session);
    },

    async listSummaries() {
      return (await store.listSummaries(session)).summaries;
    },

    async createCase() {
      return (await store.createCase(session)).caseId;
    },

    async inbox(): Promise<InboxItem[]> {
      const items = await store.listInbox(session);
      return items.flatMap((i) =>
        i.readable
          ? [
              {
                id: i.id,
                writer: i.writer.name,
                receivedAt: i.sealedAt,
                payload: {
                  writer: i.writer.name,
                  disclosure: i.disclosure,
                  persons: i.persons as unknown as SealedDisclosurePayload['persons'],
                },
                ...(i.acceptedInto ? { acceptedInto: i.acceptedInto } : {}),
              },
            ]
          : [],
      );
    },

    async importSealedDisclosure(text: string) {
      await store.importSealedDisclosureFile(session, text);
    },

    async acceptDisclosure(inboxId: string) {
      return (await store.acceptDisclosure(session, inboxId)).caseId;
    },

    acceptedTwice() {
      return store.acceptedTwice(session);
    },

    async sameDisclosureCases(caseId: string) {
      return (await store.sameDisclosureCases(session, caseId)).map(({ caseId: id, reference, at, here }) => ({
        caseId: id,
        reference,
        at,
        here,
      }));
    },

    removeAcceptedElsewhere(inboxId: string) {
      return store.removeAcceptedElsewhere(session, inboxId);
    },

    saveDraft(key: string, value: unknown) {
      return store.saveDraft(session, key, value);
    },

    loadDraft(key: string) {
      return store.loadDraft(session, key);
    },

    deleteDraft(key: string) {
      return store.deleteDraft(session, key);
    },

    async destroyedCases(): Promise<DestroyedCaseRecord[]> {
      return (await store.listDestroyedCases(session)).map(destroyedRecord);
    },

    async checkDestructionNote(text: string): Promise<DestructionNoteCheck> {
      try {
        const { tombstone: t, thisEstablishment, onThisDevice } = await store.checkTombstoneFile(session, text);
        const { verified: _v, fileText: _f, ...note } = destroyedRecord({ ...t, verified: true });
        return { note, thisEstablishment, onThisDevice };
      } catch (e) {
        if (e instanceof store.ImportError) throw new Error(e.message);
        throw e;
      }
    },

    async destroyCase(
      caseId: string,
      request: DestroyCaseRequest,
      onProgress?: (p: KeyRotationProgress) => void,
    ): Promise<DestroyedCaseRecord> {
      try {
        const t = await store.destroyCase(session, caseId, request, onProgress);
        return destroyedRecord({ ...t, verified: true });
      } catch (e) {
        const refused = await twoKeyRefusal(e);
        if (refused) throw refused;
        if (e instanceof store.StorageError) throw new RefusedError(e.message, 'other');
        throw e;
      }
    },
  };
}
