// The first screen main.tsx chose (firstScreen.ts), carried into React for the session gate.
import { createContext, useContext } from 'react';
import type { FirstScreen } from './firstScreen';

export const FirstScreenContext = createContext<FirstScreen>('lock');

export function useFirstScreen(): FirstScreen {
  return useContext(FirstScreenContext);
}
