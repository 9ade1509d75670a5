// Two-key destruction means two people (docs/SECURITY.md item 13): a passphrase a manager chose for
// someone else (adding them, or resetting theirs) does not count as that person's agreement until
// they change it themselves, and the second passphrase may not be the first typed again.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadCase } from '../../../src/storage/cases';
import { db } from '../../../src/storage/db';
import { CaseDestroyedError } from '../../../src/storage/errors';
import { DestructionRefusedError, destroyCase } from '../../../src/storage/destroy';
import { unlock } from '../../../src/storage/index';
import { addUser, changePassphrase, rewrapForUser } from '../../../src/storage/keys/users';
import { PASSPHRASES, setUpDevice, useCopyOf, type Device } from './harness';
import { closedCasePastReview } from './flows';

let device: Device;
let due: string;
const CHOSEN = 'Chosen by the DSL for someone else';

beforeAll(async () => {
  device = await setUpDevice('destroy-key-holders');
  due = await closedCasePastReview(device.session, {
    userId: device.users.deputy,
    passphrase: PASSPHRASES.deputy,
    ownPassphrase: PASSPHRASES.dsl,
  });
});
beforeEach(async () => {
  await useCopyOf(device);
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as DestructionRefusedError,
  );
const reason = 'Retention review: the period has ended.';

describe('the second key holder', () => {
  it('whose passphrase the DSL reset cannot agree with it until they change it themselves', async () => {
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl);
    await rewrapForUser(dsl, device.users.deputy, CHOSEN, PASSPHRASES.dsl);
    const e = await refusal(
      destroyCase(dsl, due, {
        reason,
        passphrase: PASSPHRASES.dsl,
        secondUserId: device.users.deputy,
        secondPassphrase: CHOSEN,
      }),
    );
    expect(e).toBeInstanceOf(DestructionRefusedError);
    expect(e).toMatchObject({
      field: 'secondUser',
      message: expect.stringMatching(/was set by Dana Shah .*change it/),
    });
    expect(await db().cases.get(due)).toBeDefined();
    // Nothing counted against the unlock slow-down: the refusal came before any passphrase was tried.
    expect(await db().meta.get('throttle')).toBeUndefined();

    const deputy = await unlock(device.users.deputy, CHOSEN);
    await changePassphrase(deputy, CHOSEN, 'Only the deputy knows this one now');
    await destroyCase(dsl, due, {
      reason,
      passphrase: PASSPHRASES.dsl,
      secondUserId: device.users.deputy,
      secondPassphrase: 'Only the deputy knows this one now',
    });
    await expect(loadCase(dsl, due)).rejects.toBeInstanceOf(CaseDestroyedError);
  });

  it('added by the DSL with a passphrase the DSL typed cannot agree with it', async () => {
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const head = await addUser(dsl, { name: 'Pat Added', role: 'headteacher', passphrase: CHOSEN }, PASSPHRASES.dsl);
    const e = await refusal(
      destroyCase(dsl, due, {
        reason,
        passphrase: PASSPHRASES.dsl,
        secondUserId: head.userId,
        secondPassphrase: CHOSEN,
      }),
    );
    expect(e).toMatchObject({
      field: 'secondUser',
      message: expect.stringMatching(/Pat Added’s passphrase was set by Dana Shah/),
    });
    expect(await db().cases.get(due)).toBeDefined();
  });

  it('cannot agree with the destroyer’s own passphrase typed again (two accounts, one passphrase)', async () => {
    const deputy = await unlock(device.users.deputy, PASSPHRASES.deputy);
    await changePassphrase(deputy, PASSPHRASES.deputy, PASSPHRASES.dsl);
    const dsl = await unlock(device.users.dsl, PASSPHRASES.dsl);
    const e = await refusal(
      destroyCase(dsl, due, {
        reason,
        passphrase: PASSPHRASES.dsl,
        secondUserId: device.users.deputy,
        secondPassphrase: PASSPHRASES.dsl,
      }),
    );
    expect(e).toMatchObject({
      field: 'secondPassphrase',
      message: expect.stringMatching(/their own passphrase, not yours/),
    });
    expect(await db().cases.get(due)).toBeDefined();
  });
});

describe('the destroyer', () => {
  it('whose passphrase the deputy reset cannot destroy with the deputy as second key holder', async () => {
    const deputy = await unlock(device.users.deputy, PASSPHRASES.deputy);
    await rewrapForUser(deputy, device.users.dsl, CHOSEN, PASSPHRASES.deputy);
    const dsl = await unlock(device.users.dsl, CHOSEN);
    const e = await refusal(
      destroyCase(dsl, due, {
        reason,
        passphrase: CHOSEN,
        secondUserId: device.users.deputy,
        secondPassphrase: PASSPHRASES.deputy,
      }),
    );
    expect(e).toMatchObject({ field: 'passphrase', message: expect.stringMatching(/Your passphrase was set by/) });
    expect(await db().cases.get(due)).toBeDefined();
  });
});
