// The app's only file input: it takes YPSI Response's own JSON files (backups, transfers, sealed
// disclosures) or, for the verifier, a PDF, and nothing else. It never accepts an image: image
// types and image file signatures are refused before anything is read further, and the importer
// validates the rest and says clearly what is wrong with a file.
import { useId, useState } from 'react';
import { ErrorMessage, FormGroup, Hint, Label } from './form/parts';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** PNG, JPEG, GIF, WebP, BMP, HEIC/AVIF (ftyp) and TIFF signatures: refused whatever the name says. */
export function looksLikeImage(b: Uint8Array): boolean {
  const at = (i: number, ...xs: number[]) => xs.every((x, k) => b[i + k] === x);
  return (
    at(0, 0x89, 0x50, 0x4e, 0x47) ||
    at(0, 0xff, 0xd8, 0xff) ||
    at(0, 0x47, 0x49, 0x46, 0x38) ||
    (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) ||
    at(0, 0x42, 0x4d) ||
    at(4, 0x66, 0x74, 0x79, 0x70) ||
    at(0, 0x49, 0x49, 0x2a, 0x00) ||
    at(0, 0x4d, 0x4d, 0x00, 0x2a)
  );
}

export interface JsonFileInputProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  onText?: (text: string, fileName: string) => void;
  /** For kind 'pdf': the file's bytes. */
  onBytes?: (bytes: Uint8Array, fileName: string) => void;
  onError: (message: string) => void;
  kind?: 'json' | 'pdf' | 'p12';
}

export function JsonFileInput({ id, label, hint, error, onText, onBytes, onError, kind = 'json' }: JsonFileInputProps) {
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
        accept={
          kind === 'pdf'
            ? '.pdf,application/pdf'
            : kind === 'p12'
              ? '.p12,.pfx,application/x-pkcs12'
              : '.json,.ypsi,application/json'
        }
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`, statusId].filter(Boolean).join(' ')}
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          setName(file.name);
          if (file.size > MAX_IMPORT_BYTES) return onError(`${file.name} is too large to be a YPSI Response file.`);
          if (file.type.startsWith('image/') || file.type.startsWith('video/'))
            return onError(
              `${file.name} is an image or video. This app never takes imagery: choose a YPSI Response file (.json).`,
            );
          const buf = new Uint8Array(await file.arrayBuffer());
          if (looksLikeImage(buf)) return onError(`${file.name} is an image. This app never takes imagery.`);
          if (kind !== 'json') return onBytes?.(buf, file.name);
          let text: string;
          try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
          } catch {
            return onError(`${file.name} is not a YPSI Response file: it is not text.`);
          }
          onText?.(text, file.name);
        }}
      />
      <p id={statusId} className="app-body-s" aria-live="polite">
        {name ? `Chosen: ${name}` : ''}
      </p>
    </FormGroup>
  );
}
