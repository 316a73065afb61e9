import { useEffect, useState } from 'react';
import { afterPaint } from '../afterPaint';

/** The applications' states (`app://…/states/…`), listed once the apps have loaded (after the first paint). */
export function useAppStates(): string[] {
  const [refs, setRefs] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void afterPaint(() => import('../../apps')).then((apps) => {
      if (live) setRefs(apps.listAppRefs().states);
    });
    return () => {
      live = false;
    };
  }, []);
  return refs;
}
