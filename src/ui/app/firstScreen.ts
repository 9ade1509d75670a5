// Owns which first screen index.html's pre-rendered markup shows at "/" before storage has
// answered: the lock screen (a browser that set up a device), or set-up (one that never did). Both
// are rendered at build time (src/ui/prerender.tsx); main.tsx chooses before the first paint from
// the installation marker, and the session gate renders the same screen so React adopts it as it
// is. Only a first guess: what storage answers decides what shows next. No imports: main.tsx, the
// entry, reads this before the first paint (FirstScreenContext.ts carries the choice into React).
export type FirstScreen = 'lock' | 'set-up';

/** The attribute on <div id="root"> naming the first screen main.tsx chose (absent: the lock screen). */
export const FIRST_SCREEN_ATTRIBUTE = 'data-first-screen';

/** The id of the <template> holding the pre-rendered set-up screen. */
export const SET_UP_TEMPLATE_ID = 'prerendered-set-up';
