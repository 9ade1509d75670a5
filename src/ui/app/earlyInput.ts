// Owns what a person typed, chose or pressed on a pre-rendered first screen (index.html's lock
// screen or set-up, src/ui/prerender.tsx) before React took it over. React adopts the elements as
// they are, text and choices included, but its state still holds the empty first render: without
// this, the next render would empty the fields (non-negotiable 5: nothing typed is lost). Each such
// field is handed to React as the change it was, so its onChange runs as if typed after the
// take-over; and a button pressed before then (it did nothing: no script ran it) is pressed again.

let pressed: HTMLButtonElement | null = null;
let noting = false;

function notePress(e: Event): void {
  const button = e.target instanceof Element ? e.target.closest('button') : null;
  if (button instanceof HTMLButtonElement && !button.disabled) pressed = button;
}

/** main.tsx, before the first paint: notes the last button pressed until React takes over. */
export function noteEarlyPresses(): void {
  if (noting) return;
  noting = true;
  document.addEventListener('click', notePress, true);
}

/** boot.tsx, as React starts to take over: from here React hears presses itself (and replays them). */
export function stopNotingEarlyPresses(): void {
  noting = false;
  document.removeEventListener('click', notePress, true);
}

/** The browser's own value setter, bypassing the one React puts on each field to notice changes. */
function setValueUnseen(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
}

const NOT_TYPED = new Set(['button', 'submit', 'reset', 'file', 'hidden', 'image']);

/**
 * Replays, as changes React sees, what differs in `container`'s fields from React's own render,
 * then the button pressed before React took over, if it is still there.
 */
export function replayEarlyInput(container: ParentNode): void {
  stopNotingEarlyPresses();
  replayFields(container);
  const button = pressed;
  pressed = null;
  if (!button) return;
  // In a task of its own, once React has rendered the replayed answers, so the press acts on them.
  // (A message, not a timer: a page's faked clock may hold timers back.)
  const next = new MessageChannel();
  next.port1.onmessage = () => {
    next.port1.close();
    if (container.contains(button) && !button.disabled) button.click();
  };
  next.port2.postMessage(null);
}

function replayFields(container: ParentNode): void {
  for (const el of container.querySelectorAll('input, textarea, select')) {
    if (el instanceof HTMLSelectElement) {
      if ([...el.options].some((o) => o.selected !== o.defaultSelected))
        el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
      // React rendered defaultChecked; the person's choice is in checked.
      if (el.checked === el.defaultChecked) continue;
      const chosen = el.checked;
      el.checked = !chosen;
      // A click is how React hears of a radio or checkbox: it puts the choice back, as a change.
      el.click();
      if (el.checked !== chosen) el.checked = chosen;
    } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
      if ((el instanceof HTMLInputElement && NOT_TYPED.has(el.type)) || el.value === el.defaultValue) continue;
      const typed = el.value;
      // React's setter notes its own value; the browser's then puts the typed text back unseen, so
      // the input event below is a change from React's value to the typed one.
      el.value = el.defaultValue;
      setValueUnseen(el, typed);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
  }
}
