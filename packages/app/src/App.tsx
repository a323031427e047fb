import { useEffect, useState } from 'react';
import { StudyBrowser } from './browser/StudyBrowser.tsx';
import { Viewer } from './viewer/Viewer.tsx';

/** `#/study/<uid>` opens a study; anything else shows the study browser. */
function route(): { studyUid?: string } {
  const m = /^#\/study\/([0-9.]+)/.exec(location.hash);
  return { studyUid: m?.[1] };
}

export function App() {
  const [r, setR] = useState(route);
  useEffect(() => {
    const on = () => setR(route());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return r.studyUid ? <Viewer key={r.studyUid} studyUid={r.studyUid} /> : <StudyBrowser />;
}
