// No imagery, ever (R11, R13.3): pasting or dropping an image (or any file) anywhere in the app
// does nothing but say why. Without this, a dropped picture would open in the tab.
import { useEffect, useRef, useState } from 'react';

export const NO_IMAGERY_MESSAGE =
  'Images cannot be added to YPSI Response. It never takes, shows or stores imagery: describe what you were told instead.';

function carriesFiles(dt: DataTransfer | null): boolean {
  if (!dt) return false;
  if (dt.files && dt.files.length > 0) return true;
  return Array.from(dt.items ?? []).some((i) => i.kind === 'file' || i.type.startsWith('image/'));
}

/** Pasted HTML can carry an <img> too: refuse it and paste the plain text only. */
function htmlWithImage(dt: DataTransfer | null): boolean {
  const html = dt?.getData('text/html') ?? '';
  return /<img[\s>]/i.test(html);
}

export function NoImagery() {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const say = () => {
      setMessage(NO_IMAGERY_MESSAGE);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setMessage(''), 8000);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (carriesFiles(e.clipboardData)) {
        e.preventDefault();
        say();
      } else if (htmlWithImage(e.clipboardData)) {
        // Our fields are plain text: the browser pastes text/plain into them anyway; say so.
        say();
      }
    };
    const onDragOver = (e: DragEvent) => {
      if (carriesFiles(e.dataTransfer)) {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'none';
      }
    };
    const onDrop = (e: DragEvent) => {
      if (carriesFiles(e.dataTransfer)) {
        e.preventDefault();
        say();
      }
    };
    document.addEventListener('paste', onPaste, true);
    document.addEventListener('dragover', onDragOver, true);
    document.addEventListener('drop', onDrop, true);
    return () => {
      document.removeEventListener('paste', onPaste, true);
      document.removeEventListener('dragover', onDragOver, true);
      document.removeEventListener('drop', onDrop, true);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);
  return (
    <div
      className={message ? 'app-no-imagery app-no-imagery--shown' : 'app-no-imagery'}
      role="status"
      aria-live="assertive"
    >
      {message}
    </div>
  );
}
