// The record of a viewing (R11.4): who viewed, the witness, who else was there, why, what followed,
// and both signatures. The page keeps the answers (useViewingRecord) so they survive switching steps.
import { useState } from 'react';
import type { Signature } from '../../../domain/events';
import type { Viewing } from '../../../domain/case';
import { Select, Textarea, TextInput } from '../../components';
import { formatDateTime } from '../../format';
import { SignaturePad, signatureNameId } from '../../signature/SignaturePad';
import { emptySignature } from '../../signature/strokes';
import { OccurredAt } from '../OccurredAt';

/** The answers of the record, with a reset for after it is saved. */
export function useViewingRecord(initialWhy: string) {
  const [viewer, setViewer] = useState('');
  const [witness, setWitness] = useState('');
  const [others, setOthers] = useState('');
  const [why, setWhy] = useState(initialWhy);
  const [actions, setActions] = useState('');
  const [viewerSig, setViewerSig] = useState<Signature>(emptySignature());
  const [witnessSig, setWitnessSig] = useState<Signature>(emptySignature());
  const reset = () => {
    setViewer('');
    setWitness('');
    setOthers('');
    setWhy('');
    setActions('');
    setViewerSig(emptySignature());
    setWitnessSig(emptySignature());
  };
  return {
    viewer,
    setViewer,
    witness,
    setWitness,
    others,
    setOthers,
    why,
    setWhy,
    actions,
    setActions,
    viewerSig,
    setViewerSig,
    witnessSig,
    setWitnessSig,
    reset,
  };
}

export type ViewingRecordForm = ReturnType<typeof useViewingRecord>;

interface Props {
  /** Seen unavoidably, recorded after the fact: no justification came first and the witness is optional. */
  unavoidable: boolean;
  form: ViewingRecordForm;
  pending: Viewing[];
  chosenPending: Viewing | undefined;
  onChoosePending: (viewingId: string) => void;
  when: string;
  setWhen: (value: string) => void;
  whenError: string | undefined;
  errorFor: (...ids: string[]) => string | undefined;
}

export function RecordViewingFields({
  unavoidable,
  form,
  pending,
  chosenPending,
  onChoosePending,
  when,
  setWhen,
  whenError,
  errorFor,
}: Props) {
  const { viewer, setViewer, witness, setWitness, others, setOthers, why, setWhy, actions, setActions } = form;
  const { viewerSig, setViewerSig, witnessSig, setWitnessSig } = form;
  // The signer's name follows the person named, until it is changed by hand.
  const follow = (prev: string, next: string, sig: Signature, set: (s: Signature) => void) => {
    if (sig.name === prev) set({ ...sig, name: next });
  };
  return (
    <>
      {!unavoidable && pending.length > 1 && (
        <Select
          id="pending-viewing"
          label="Which justified viewing are you recording?"
          options={pending.map((v, i) => ({
            value: v.id,
            label: `Justified ${formatDateTime(v.justification?.at)} (${i + 1} of ${pending.length})`,
          }))}
          value={chosenPending?.id ?? ''}
          onChange={onChoosePending}
        />
      )}
      <TextInput
        id="viewer"
        label="Who viewed the imagery?"
        hint={
          unavoidable
            ? 'Name and role, for example “Sam Jones, IT technician”.'
            : 'The DSL, or a member of the safeguarding team with delegated authority.'
        }
        value={viewer}
        error={errorFor('viewer')}
        onChange={(v) => {
          follow(viewer, v, viewerSig, setViewerSig);
          setViewer(v);
        }}
      />
      <TextInput
        id="witness"
        label={
          unavoidable
            ? 'Was another member of staff there? (optional)'
            : 'Who was the other member of staff present (the witness)?'
        }
        hint={
          unavoidable
            ? 'Their name and role, if anyone else was there.'
            : 'Ideally the Headteacher or a senior leader. They need not view it.'
        }
        value={witness}
        error={errorFor('witness')}
        onChange={(v) => {
          follow(witness, v, witnessSig, setWitnessSig);
          setWitness(v);
        }}
      />
      <Textarea
        id="others"
        label="Who else was present?"
        hint="One person per line, with their role. The viewer and the witness are included."
        value={others}
        onChange={setOthers}
        rows={2}
      />
      <Textarea
        id="why"
        label={unavoidable ? 'How was it seen, and why?' : 'Why was it viewed?'}
        hint="Describe; never copy, paste or attach an image. Say what you learned in words only if it matters for the response."
        value={why}
        error={errorFor('why')}
        onChange={setWhy}
        rows={3}
      />
      <Textarea
        id="actions"
        label="What actions followed?"
        value={actions}
        error={errorFor('actions')}
        onChange={setActions}
        rows={3}
      />
      <OccurredAt
        value={when}
        onChange={setWhen}
        label={unavoidable ? 'When was it seen?' : 'When was it viewed?'}
        error={whenError}
      />
      <SignaturePad
        id="viewer-signature"
        legend="The viewer’s signature"
        value={viewerSig}
        onChange={setViewerSig}
        error={errorFor(signatureNameId('viewer-signature'))}
      />
      {(witness.trim() || !unavoidable) && (
        <SignaturePad
          id="witness-signature"
          legend="The witness’s signature"
          hint={unavoidable ? undefined : 'The other member of staff who was present signs too (R11.4).'}
          value={witnessSig}
          onChange={setWitnessSig}
          error={errorFor(signatureNameId('witness-signature'))}
        />
      )}
    </>
  );
}
