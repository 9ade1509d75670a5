// An answer left empty (missing, or only spaces): the one test every gate and owed item uses.

export const blank = (s: string | undefined | null): boolean => !s || s.trim().length === 0;
