// The app's only file input: it takes YPSI Response's own JSON files (backups, transfers, sealed
// disclosures) and nothing else. It never accepts an image; what it reads is parsed as text and
// validated by the importer, which says clearly what is wrong with a file.
import { useId, useState } from 'react';
import { ErrorMessage, FormGroup, Hint, Label } from './form/parts';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface JsonFileInputProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  onText: (text: string, fileName: string) => void;
  onError: (message: string) => void;
}

export function JsonFileInput({ id, label, hint, error, onText, onError }: JsonFileInputProps) {
  const [name, setName] = useState('');
  const statusId = useId();
  return (
    <FormGroup error={error}>
      <Label htmlFor={id}>{label}</Label>
      <Hint id={id}>{hint}</Hint>
      <ErrorMessage id={id} error={error} />
      <input
        id={id}
        className="app-file-upload"
        type="file"
        accept=".json,.ypsi,application/json"
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`, statusId].filter(Boolean).join(' ')}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setName(file.name);
          if (file.size > MAX_IMPORT_BYTES) return onError(`${file.name} is too large to be a YPSI Response file.`);
          if (file.type.startsWith('image/') || file.type.startsWith('video/')) return onError(`${file.name} is an image or video. This app never takes imagery: choose a YPSI Response file (.json).`);
          const buf = new Uint8Array(await file.arrayBuffer());
          let text: string;
          try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
          } catch {
            return onError(`${file.name} is not a YPSI Response file: it is not text.`);
          }
          onText(text, file.name);
        }}
      />
      <p id={statusId} className="app-body-s" aria-live="polite">
        {name ? `Chosen: ${name}` : ''}
      </p>
    </FormGroup>
  );
}
