// Task list (GOV.UK pattern): one row per task, the whole row tappable, each with its status.
import type { ReactNode } from 'react';
import { AppLink } from './AppLink';
import { StatusTag, type TaskStatus } from './Tag';

export interface TaskListItem {
  /** Stable and unique in the list: used for element ids. */
  id: string;
  title: string;
  /** Where the task is done. Omit, or use status 'cannot-start', for a task that cannot start yet. */
  href?: string;
  hint?: ReactNode;
  status: TaskStatus;
  /** Replaces the standard status words, such as "Overdue by 2 days". */
  statusText?: string;
}

export function TaskList({ items, idPrefix = 'task' }: { items: TaskListItem[]; idPrefix?: string }) {
  return (
    <ul className="app-task-list">
      {items.map((item) => {
        const hintId = `${idPrefix}-${item.id}-hint`;
        const statusId = `${idPrefix}-${item.id}-status`;
        const linked = item.href !== undefined && item.status !== 'cannot-start';
        return (
          <li key={item.id} className={`app-task-list__item${linked ? ' app-task-list__item--with-link' : ''}`}>
            <div className="app-task-list__name-and-hint">
              {linked ? (
                <AppLink
                  href={item.href as string}
                  className="app-link app-task-list__link"
                  aria-describedby={[item.hint !== undefined && hintId, statusId].filter(Boolean).join(' ')}
                >
                  {item.title}
                </AppLink>
              ) : (
                <span>{item.title}</span>
              )}
              {item.hint !== undefined && (
                <div id={hintId} className="app-task-list__hint">
                  {item.hint}
                </div>
              )}
            </div>
            <div id={statusId} className="app-task-list__status">
              <StatusTag status={item.status} {...(item.statusText !== undefined && { text: item.statusText })} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
