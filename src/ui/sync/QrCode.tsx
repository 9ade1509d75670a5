// A QR code of a short text, drawn as SVG with React elements (no innerHTML: the app's Trusted Types
// policy allows none). The encoder, qrcode-generator, is loaded only when a code is shown. Output
// only: the app never reads images or the camera (non-negotiable 1); the new tablet types the code.
import { useEffect, useState } from 'react';

type Modules = { count: number; dark: (r: number, c: number) => boolean };

async function encode(text: string): Promise<Modules> {
  const { default: qrcode } = await import('qrcode-generator');
  // Type 0: the smallest version that holds the text; level M recovers from 15% damage.
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return { count: qr.getModuleCount(), dark: (r, c) => qr.isDark(r, c) };
}

/** One SVG path of every dark module, each a 1 x 1 square, inside a 4-module quiet zone. */
export function qrPath(m: Modules): string {
  let d = '';
  for (let r = 0; r < m.count; r++)
    for (let c = 0; c < m.count; c++) if (m.dark(r, c)) d += `M${c + 4} ${r + 4}h1v1h-1z`;
  return d;
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const [modules, setModules] = useState<Modules | null>(null);
  useEffect(() => {
    let live = true;
    void encode(text).then((m) => live && setModules(m));
    return () => {
      live = false;
    };
  }, [text]);
  if (!modules) return null;
  const size = modules.count + 8;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      width="264"
      height="264"
      shapeRendering="crispEdges"
      data-testid="enrol-qr"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={qrPath(modules)} fill="#0b0c0c" />
    </svg>
  );
}
