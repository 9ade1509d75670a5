// Owns what a person typed or chose on a pre-rendered first screen (index.html's lock screen or
// set-up, src/ui/prerender.tsx) before React took it over. React adopts the elements as they are,
// text and choices included, but its state still holds the empty first render: without this, the
// next render would empty the fields (non-negotiable 5: nothing typed is lost). Each such field is
// handed to React as the change it was, so its onChange runs as if typed after the take-over.

/** The browser's own value setter, bypassing the one React puts on each field to notice changes. */
function setValueUnseen(el: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
}

const NOT_TYPED = new Set(['button', 'submit', 'reset', 'file', 'hidden', 'image']);

/** Replays, as changes React sees, what differs in `container`'s fields from React's own render. */
export function replayEarlyInput(container: ParentNode): void {
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
