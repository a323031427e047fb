import { useState } from 'react';

/** localStorage key of the reader's name; the segmentation review records the same name. */
const KEY = 'voxa.reader';

/** The reader's name as last set ('' when none). */
export function readerName(): string {
  return localStorage.getItem(KEY) ?? '';
}

/** The reader's name (sent as X-Voxa-User), kept in localStorage across studies and reloads. */
export function useReaderName(): [string, (name: string) => void] {
  const [name, setName] = useState(readerName);
  return [name, (n: string) => { localStorage.setItem(KEY, n); setName(n); }];
}
