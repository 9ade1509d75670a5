// Status tags (GOV.UK pattern). The tag's words always say the status; colour only repeats it.
import type { ReactNode } from 'react';

export type TagColour = 'grey' | 'blue' | 'green' | 'red';

export function Tag({ colour = 'grey', children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={`app-tag app-tag--${colour}`}>{children}</strong>;
}

export type TaskStatus = 'not-started' | 'in-progress' | 'completed' | 'overdue' | 'act-now' | 'cannot-start';

export const TASK_STATUS: Record<TaskStatus, { text: string; colour: TagColour | null }> = {
  'not-started': { text: 'Not started', colour: 'grey' },
  'in-progress': { text: 'In progress', colour: 'blue' },
  completed: { text: 'Completed', colour: 'green' },
  overdue: { text: 'Overdue', colour: 'red' },
  'act-now': { text: 'Act now', colour: 'red' },
  // GOV.UK shows this as plain grey text, not a tag: there is nothing to do yet.
  'cannot-start': { text: 'Cannot start yet', colour: null },
};

/** The tag for a task's status; `text` replaces the standard words (e.g. "Overdue by 2 days"). */
export function StatusTag({ status, text }: { status: TaskStatus; text?: string }) {
  const { text: standard, colour } = TASK_STATUS[status];
  if (colour === null) return <span className="app-task-list__status--cannot-start">{text ?? standard}</span>;
  return <Tag colour={colour}>{text ?? standard}</Tag>;
}
