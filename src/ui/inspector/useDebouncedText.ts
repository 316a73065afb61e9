import { useCallback, useEffect, useRef, useState } from 'react';
import { useStudio } from '../hooks/useStudio';

/**
 * Local text for a big field (CSV, code): typing stays in the component and reaches the store once
 * the person pauses or leaves the field, so a keystroke in a 500 kB text costs no save, compile or
 * preview. Follows the stored value when it changes elsewhere (undo). A run commits the text
 * first (the studio's pending edits), so Ctrl+Enter right after typing runs what was typed.
 */
export function useDebouncedText(value: string, commit: (text: string) => void, delayMs = 500): { draft: string; change(text: string): void; flush(): void } {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const release = useRef<(() => void) | null>(null);
  const { edits } = useStudio();
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  }, [commit]);

  if (seen !== value) {
    setSeen(value);
    if (pending.current === null) setDraft(value);
  }

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    release.current?.();
    release.current = null;
    const text = pending.current;
    pending.current = null;
    if (text !== null) commitRef.current(text);
  }, []);

  const change = useCallback(
    (text: string) => {
      setDraft(text);
      pending.current = text;
      release.current ??= edits.hold(flush);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs, edits],
  );

  // Leaving the node (the inspector unmounts) must not lose the last keystrokes.
  useEffect(() => flush, [flush]);
  return { draft, change, flush };
}
