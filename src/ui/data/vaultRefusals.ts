// What storage's answers become for the screens: refusals placed at their field (a wrong or throttled passphrase, a refused file), integrity reports, activity entries and destroyed cases in words.
import * as store from '../../storage';
import type { PublicSettings as StoredSettings } from '../../storage';
import type { PublicSettings } from './settings';
import { fromStored } from './settingsCodec';
import { type IntegrityReport } from './vault';
import { RefusedError, type ActivityWhat } from './vault';
import type { DestroyedCaseRecord } from './vault';

export function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${s} second${s === 1 ? '' : 's'}`;
}

export function report(r: store.VerifyReport): IntegrityReport {
  return {
    ok: r.ok,
    checked: r.eventsChecked,
    ...(r.problems[0] && { firstProblem: r.problems.map((p) => p.message).join(' ') }),
  };
}

/** A wrong or throttled passphrase (or recovery key) as a refusal at its field, with the wait. */
export async function refusedSecret(
  e: unknown,
  field: 'passphrase' | 'own-passphrase' | 'recovery-key',
): Promise<never> {
  if (e instanceof store.UnlockThrottledError)
    throw new RefusedError(
      `Too many wrong attempts. Wait ${seconds(e.retryAfterMs)} before trying again.`,
      field,
      e.retryAfterMs,
    );
  if (e instanceof store.WrongPassphraseError) {
    const wait = await store.unlockWaitMs();
    const what = field === 'recovery-key' ? 'recovery key' : 'passphrase';
    throw new RefusedError(
      `That ${what} is not right.${wait > 0 ? ` Wait ${seconds(wait)} before trying again.` : ''}`,
      field,
      wait,
    );
  }
  if (e instanceof store.InvalidRecoveryKeyError) throw new RefusedError(e.message, 'recovery-key');
  if (e instanceof store.WeakPassphraseError) throw new RefusedError(e.message, 'new-passphrase');
  if (e instanceof store.StorageError) throw new RefusedError(e.message, 'other');
  throw e;
}

/** A refused file (ImportError): at the passphrase for a wrong passphrase, otherwise at the file. */
export function refusedFile(e: unknown): never {
  if (e instanceof store.ImportError) throw new RefusedError(e.message, e.field, 0, { saysNothingChanged: true });
  if (e instanceof store.WeakPassphraseError) throw new RefusedError(e.message, 'passphrase');
  if (e instanceof store.StorageError) throw new RefusedError(e.message, 'other');
  throw e;
}

function changedSettings(before: StoredSettings, after: StoredSettings): (keyof PublicSettings)[] {
  const a = fromStored(before);
  const b = fromStored(after);
  return (Object.keys(b) as (keyof PublicSettings)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

export function activityWhat(e: store.LogEntry): ActivityWhat {
  switch (e.type) {
    case 'establishment.set-up':
      return { type: 'set-up', users: e.users };
    case 'settings.changed':
      return {
        type: 'settings-changed',
        changed: changedSettings(e.before, e.after),
        ...(e.reason && { reason: e.reason }),
      };
    case 'user.added':
      return { type: 'user-added', user: e.user };
    case 'user.removed':
      return { type: 'user-removed', user: e.user, ...(e.reason && { reason: e.reason }) };
    case 'user.passphrase-changed':
      return { type: 'passphrase-changed', userId: e.userId };
    case 'user.passphrase-reset':
      return { type: 'passphrase-reset', userId: e.userId };
    case 'recovery.used':
      return { type: 'recovery-used', userId: e.userId };
    case 'export.made':
      return {
        type: 'export',
        kind: e.kind,
        fileId: e.fileId,
        to: e.to,
        why: e.why,
        caseIds: e.caseIds,
        ...(e.scope && { scope: e.scope }),
      };
    case 'import.made':
      return { type: 'import', from: e.from, caseIds: e.caseIds };
    case 'receipt.recorded':
      return {
        type: 'receipt-recorded',
        transferId: e.transferId,
        receivedBy: e.receivedBy,
        keyFingerprint: e.receiverKeyFingerprint,
      };
    case 'backup.restored':
      return { type: 'backup-restored', caseCount: e.caseCount, backupCreatedAt: e.backupCreatedAt };
    case 'disclosure.accepted':
      return { type: 'disclosure-accepted', caseId: e.caseId, reference: e.reference, sealedAt: e.sealedAt };
    case 'disclosure.accepted-earlier':
      return { type: 'disclosures-accepted-earlier', references: e.accepted.map((a) => a.reference) };
    case 'pdf-signer.set':
      return { type: 'pdf-signer-set', fingerprint: e.fingerprint, subject: e.subject, replaced: e.replaced };
    case 'case.destroyed':
      return {
        type: 'case-destroyed',
        reference: e.tombstone.reference,
        approvedBy: e.tombstone.approvedBy.name,
        reason: e.tombstone.reason,
        ...(e.ownHead && { elsewhere: true }),
      };
    case 'tablet.revoked':
      return { type: 'tablet-revoked', tablet: e.tablet };
    case 'tablet.revocation-noted':
      return {
        type: 'tablet-revoked',
        tablet: e.tablet,
        elsewhere: { by: e.by, byTablet: e.byTablet, at: e.revokedAt },
      };
    case 'keyring.followed':
      return { type: 'keys-followed', removed: e.removed, destroyed: e.destroyed };
    case 'establishment.followed':
      return {
        type: 'changes-followed',
        added: e.holders.filter((h) => h.outcome === 'added').map((h) => h.user.name),
        replaced: e.holders
          .filter((h) => h.outcome === 'replaced')
          .map((h) => ({ name: h.user.name, change: h.change, apart: !!h.apart })),
        kept: e.holders.filter((h) => h.outcome === 'kept').map((h) => h.user.name || 'The recovery key'),
        settings: e.settings && {
          taken: e.settings.outcome === 'taken',
          changed: changedSettings(e.settings.before, e.settings.after),
          apart: !!e.settings.apart,
        },
      };
    case 'sync.turned-on':
      return { type: 'sync-turned-on', tablet: e.tablet, server: e.server };
    case 'sync.turned-off':
      return { type: 'sync-turned-off', tablet: e.tablet };
    case 'tablet.enrolled':
      return { type: 'tablet-enrolled', tablet: e.tablet, expiresAt: e.expiresAt };
    case 'keyring.bound':
      return {
        type: 'keys-bound',
        change: e.change,
        holders: e.rows.length,
        ...(e.rotated && { rotatedCaseKeys: e.rotated.caseKeys }),
      };
  }
}

export function destroyedRecord(t: store.DestroyedCase): DestroyedCaseRecord {
  return {
    caseId: t.caseId,
    reference: t.reference,
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    reviewDate: t.reviewDate,
    destroyedAt: t.destroyedAt,
    destroyedBy: { name: t.destroyedBy.name, role: t.destroyedBy.role },
    approvedBy: { name: t.approvedBy.name, role: t.approvedBy.role },
    reason: t.reason,
    verified: t.verified,
    ...(t.problem && { problem: t.problem }),
    fileText: t.verified ? store.tombstoneFileText(t) : null,
    keyFingerprint: t.keyFingerprint,
  };
}

/**
 * A refusal of a step that needs two key holders (destroying a case, bringing a review date forward):
 * placed at the passphrase or second key holder it names, with the slow-down wait; null for anything else.
 */
export async function twoKeyRefusal(e: unknown): Promise<RefusedError | null> {
  if (e instanceof store.DestructionRefusedError || e instanceof store.ReviewDateRefusedError) {
    const field =
      e.field === 'secondUser'
        ? 'second-user'
        : e.field === 'secondPassphrase'
          ? 'second-passphrase'
          : e.field === 'passphrase'
            ? 'passphrase'
            : 'other';
    const wait = field === 'passphrase' || field === 'second-passphrase' ? await store.unlockWaitMs() : 0;
    return new RefusedError(
      `${e.message}${wait > 0 ? ` Wait ${seconds(wait)} before trying again.` : ''}`,
      field,
      wait,
    );
  }
  if (e instanceof store.UnlockThrottledError)
    return new RefusedError(
      `Too many wrong attempts. Wait ${seconds(e.retryAfterMs)} before trying again.`,
      'passphrase',
      e.retryAfterMs,
    );
  return null;
}
