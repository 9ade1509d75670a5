// Renders the policy digest (RULES.md) as React elements: headings, lists, paragraphs, bold and
// code. Never as HTML (no innerHTML anywhere): the text is data. Rule ids become anchors and links.
import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';

const RULE_ID = /\b(R\d{1,2}(?:\.\d{1,2})?)\b/g;

/** Inline: **bold**, `code`, and rule ids (R6.4) as links to their paragraph. */
export function inline(text: string, keyBase: string, linkRules = true): ReactNode[] {
  const out: ReactNode[] = [];
  const parts = text.split(/(\*\*[^*]+\*\*|`[^`]+`)/g);
  parts.forEach((part, i) => {
    const key = `${keyBase}-${i}`;
    if (part.startsWith('**') && part.endsWith('**')) out.push(<strong key={key}>{part.slice(2, -2)}</strong>);
    else if (part.startsWith('`') && part.endsWith('`')) out.push(<code key={key}>{part.slice(1, -1)}</code>);
    else if (!linkRules) out.push(<Fragment key={key}>{part}</Fragment>);
    else {
      let last = 0;
      for (const m of part.matchAll(RULE_ID)) {
        const idx = m.index ?? 0;
        if (idx > last) out.push(<Fragment key={`${key}-t${idx}`}>{part.slice(last, idx)}</Fragment>);
        out.push(
          <Link key={`${key}-l${idx}`} className="app-link" to={`#${m[1]}`}>
            {m[1]}
          </Link>,
        );
        last = idx + m[0].length;
      }
      if (last < part.length) out.push(<Fragment key={`${key}-end`}>{part.slice(last)}</Fragment>);
    }
  });
  return out;
}

interface Block {
  kind: 'h1' | 'h2' | 'p' | 'ul';
  lines: string[];
}

function blocks(md: string): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  for (const raw of md.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('```')) continue;
    if (line.startsWith('# ')) {
      out.push({ kind: 'h1', lines: [line.slice(2)] });
      current = null;
    } else if (line.startsWith('## ')) {
      out.push({ kind: 'h2', lines: [line.slice(3)] });
      current = null;
    } else if (line.startsWith('- ')) {
      if (current?.kind !== 'ul') {
        current = { kind: 'ul', lines: [] };
        out.push(current);
      }
      current.lines.push(line.slice(2));
    } else if (line.trim() === '') {
      current = null;
    } else if (current?.kind === 'ul' && raw.startsWith('  ')) {
      current.lines[current.lines.length - 1] += ` ${line.trim()}`;
    } else if (current?.kind === 'p') {
      current.lines.push(line);
    } else {
      current = { kind: 'p', lines: [line] };
      out.push(current);
    }
  }
  return out;
}

export function Markdownish({ source }: { source: string }) {
  return (
    <>
      {blocks(source).map((b, i) => {
        const key = `b${i}`;
        if (b.kind === 'h1') return null; // the page has its own h1
        if (b.kind === 'h2') {
          const id = /^(R\d+)\b/.exec(b.lines[0] ?? '')?.[1];
          return (
            <h2 key={key} id={id} className="app-heading-m app-policy-text__heading" tabIndex={-1}>
              {inline(b.lines[0] ?? '', key, false)}
            </h2>
          );
        }
        if (b.kind === 'ul') {
          return (
            <ul key={key} className="app-list app-list--bullet">
              {b.lines.map((l, j) => {
                const id = /^(R\d+\.\d+)\b/.exec(l)?.[1];
                return (
                  <li
                    key={j}
                    id={id}
                    tabIndex={id ? -1 : undefined}
                    className={id ? 'app-policy-text__rule' : undefined}
                  >
                    {inline(l, `${key}-${j}`)}
                  </li>
                );
              })}
            </ul>
          );
        }
        return (
          <p key={key} className="app-body">
            {inline(b.lines.join(' '), key)}
          </p>
        );
      })}
    </>
  );
}
