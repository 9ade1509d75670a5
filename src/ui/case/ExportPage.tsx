// Export the case record as a signed PDF (issue 5): to whom and why (logged), the full record or a
// sharing copy with what is not for sharing left out, a check for text the fonts cannot draw
// before signing, and the warning that a saved PDF is not encrypted. The PDF code loads only here.
import { useEffect, useState } from 'react';
import type { UndrawableText } from '../../pdf';
import { youngPeople } from '../../domain/rules/triggers';
import { referenceDate } from '../../domain/case';
import {
  ActionBar,
  Button,
  Checkboxes,
  ErrorSummary,
  NotificationBanner,
  Radios,
  TextInput,
  WarningText,
  type FormError,
} from '../components';
import { useCase } from '../data/CaseContext';
import { useSettings } from '../data/settings';
import type { UnlockedVault } from '../data/vault';
import { CaseHeader } from './CaseHeader';
import { useSession } from '../session/SessionContext';
import { withTooLong } from '../components/form/limits';

type Copy = 'full' | 'sharing';

export function ExportPage() {
  const { snapshot, caseId } = useCase();
  const vault = useSession().unlocked as UnlockedVault;
  const settings = useSettings();
  const c = snapshot.context;
  const [to, setTo] = useState('');
  const [why, setWhy] = useState('');
  const [copy, setCopy] = useState<Copy | ''>('');
  const [people, setPeople] = useState<string[]>([]);
  const [fields, setFields] = useState<string[]>([]);
  const [fieldItems, setFieldItems] = useState<{ value: string; label: string }[]>([]);
  const [undrawable, setUndrawable] = useState<UndrawableText[] | null>(null);
  const [acceptMarkers, setAcceptMarkers] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ url: string; name: string; fingerprint: string; recordHash: string } | null>(
    null,
  );
  useEffect(() => () => (result ? URL.revokeObjectURL(result.url) : undefined), [result]);
  useEffect(() => {
    void import('../../pdf').then((pdf) =>
      setFieldItems(Object.entries(pdf.REDACTABLE_FIELDS).map(([value, f]) => ({ value, label: f.label }))),
    );
  }, []);

  const yp = youngPeople(c.facts.persons, referenceDate(c));
  const others = c.facts.persons.filter((p) => !yp.includes(p));
  const fail = (e: FormError[]) => {
    setAttempt((n) => n + 1);
    setErrors(e);
  };

  const build = async (fingerprint?: string) => {
    const pdf = await import('../../pdf');
    const { events, chainHead } = await vault.caseRecordForExport(caseId);
    const signer = fingerprint ? { fingerprint } : await vault.pdfSignerInfo();
    return {
      pdf,
      model: await pdf.buildDocumentModel({
        establishment: { name: settings.establishmentName, type: settings.establishmentType },
        events,
        chainHead,
        certificateFingerprint: signer?.fingerprint ?? '(created when this record is signed)',
        generatedAt: new Date().toISOString(),
        generatedBy: { name: vault.actor.name, role: vault.actor.role },
        redactions: copy === 'sharing' ? { personIds: people, fields: fields as never } : null,
        recipient: to.trim(),
        purpose: why.trim(),
      }),
    };
  };

  const check = async () => {
    const errs: FormError[] = [];
    if (!to.trim()) errs.push({ fieldId: 'to', text: 'Enter who the record is for' });
    if (!why.trim()) errs.push({ fieldId: 'why', text: 'Enter why it is being shared' });
    if (!copy) errs.push({ fieldId: 'copy', text: 'Choose the full record or a sharing copy' });
    if (copy === 'sharing' && people.length === 0 && fields.length === 0)
      errs.push({
        fieldId: 'leave-out-people',
        text: 'Choose what to leave out of the sharing copy, or export the full record',
      });
    errs.push(...withTooLong(errs).slice(errs.length));
    if (errs.length) return fail(errs);
    setBusy('Checking the record…');
    try {
      const { pdf, model } = await build();
      setUndrawable(pdf.findUndrawableText(model));
      setErrors([]);
    } catch (e) {
      fail([
        { fieldId: 'to', text: `The record could not be prepared: ${e instanceof Error ? e.message : String(e)}` },
      ]);
    } finally {
      setBusy(null);
    }
  };

  const sign = async () => {
    if (undrawable && undrawable.length > 0 && acceptMarkers.length === 0) {
      return fail([
        { fieldId: 'accept-markers', text: 'Confirm you have read which text cannot be drawn, or change it first' },
      ]);
    }
    setBusy('Creating and signing the PDF…');
    try {
      const pdf = await import('../../pdf');
      let stored = await vault.pdfSigner();
      if (!stored) {
        // The establishment's certificate, made once with WebCrypto and kept encrypted (issue 5).
        const created = await pdf.createEstablishmentSigner(settings.establishmentName);
        const exported = await pdf.exportSigner(created);
        await vault.savePdfSigner({
          ...exported,
          fingerprint: created.fingerprint,
          subject: created.subject,
          source: 'generated',
        });
        stored = { ...exported, fingerprint: created.fingerprint };
      }
      const signer = await pdf.importSigner(stored);
      const { model: final } = await build(stored.fingerprint);
      const bytes = await pdf.renderSignedPdf(final, signer, { reason: why.trim(), name: vault.actor.name });
      await vault.logPdfExport({
        fileId: crypto.randomUUID(),
        caseId,
        to: to.trim(),
        why: why.trim(),
        recordHash: final.meta.recordHash,
        redacted: copy === 'sharing',
      });
      const name = `${c.reference}${copy === 'sharing' ? '-sharing-copy' : ''}.pdf`;
      setResult({
        url: URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' })),
        name,
        fingerprint: stored.fingerprint,
        recordHash: final.meta.recordHash,
      });
      setErrors([]);
    } catch (e) {
      fail([
        {
          fieldId: 'to',
          text: `The PDF could not be made; nothing was exported: ${e instanceof Error ? e.message : String(e)}`,
        },
      ]);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="app-page">
      <CaseHeader />
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h1 className="app-heading-l">Export the case record</h1>
      <WarningText>
        A PDF, once saved, is not encrypted. Send it only by a secure route your safeguarding policy allows, and do not
        keep copies on this tablet.
      </WarningText>
      {result ? (
        <>
          <NotificationBanner variant="success" heading="The signed PDF is ready. This export has been logged.">
            <p className="app-body">
              <a className="app-link app-link--block" href={result.url} download={result.name}>
                Save {result.name}
              </a>
            </p>
          </NotificationBanner>
          <p className="app-body">
            Readers will show the signature as “identity unknown” because the certificate is the establishment’s own.
            Give the recipient this fingerprint by phone so they can check it:
          </p>
          <p className="app-recovery-key" aria-label="Certificate fingerprint">
            {result.fingerprint}
          </p>
          <p className="app-body">Record hash (SHA-256 of the exported event log): {result.recordHash}</p>
        </>
      ) : (
        <>
          <TextInput
            id="to"
            label="Who is it for?"
            hint="For example “Wolverhampton MASH, duty social worker” or “DSL, Northfield High School”."
            value={to}
            onChange={setTo}
          />
          <TextInput id="why" label="Why is it being shared?" value={why} onChange={setWhy} />
          <Radios
            id="copy"
            legend="What do you want to export?"
            items={[
              { value: 'full', label: 'The full record', hint: 'Everything recorded, for the MASH, police or Ofsted.' },
              {
                value: 'sharing',
                label: 'A sharing copy',
                hint: 'Leave out what is not for sharing, such as the names of uninvolved pupils. The copy says it is redacted and is signed too.',
              },
            ]}
            value={copy}
            onChange={(v) => {
              setCopy(v as Copy);
              setUndrawable(null);
            }}
          />
          {copy === 'sharing' && (
            <>
              <Checkboxes
                id="leave-out-people"
                legend="Leave out these people's names"
                items={[...yp, ...others].map((p) => ({ value: p.id, label: p.name || 'Unnamed person' }))}
                values={people}
                onChange={(v) => {
                  setPeople(v);
                  setUndrawable(null);
                }}
              />
              <Checkboxes
                id="leave-out-fields"
                legend="Leave out these answers"
                items={fieldItems}
                values={fields}
                onChange={(v) => {
                  setFields(v);
                  setUndrawable(null);
                }}
              />
              <p className="app-body">
                Names are removed wherever they are written exactly as recorded; nicknames and misspellings are not.
                Read the copy before you send it.
              </p>
            </>
          )}
          {undrawable === null ? (
            <ActionBar>
              <Button disabled={!!busy} onClick={check}>
                {busy ?? 'Continue'}
              </Button>
            </ActionBar>
          ) : (
            <>
              {undrawable.length > 0 ? (
                <>
                  <WarningText>
                    Some text uses letters the PDF's fonts cannot draw. It will show as □ in the PDF, never silently
                    left out:
                  </WarningText>
                  <ul className="app-list app-list--bullet">
                    {undrawable.map((u, i) => (
                      <li key={i}>
                        {u.where}: “{u.text}” ({u.characters.map((x) => x.codePoints).join(', ')})
                      </li>
                    ))}
                  </ul>
                  <Checkboxes
                    id="accept-markers"
                    legend="Confirm"
                    items={[{ value: 'yes', label: 'I understand this text will show as □ in the PDF' }]}
                    values={acceptMarkers}
                    onChange={setAcceptMarkers}
                  />
                </>
              ) : (
                <p className="app-body">Every name and note can be drawn in the PDF.</p>
              )}
              <p className="app-body">
                The signing time is this tablet's clock: there is no trusted timestamp offline, and the record says so.
              </p>
              <ActionBar>
                <Button disabled={!!busy} onClick={sign}>
                  {busy ?? 'Create and sign the PDF'}
                </Button>
              </ActionBar>
            </>
          )}
        </>
      )}
    </div>
  );
}
