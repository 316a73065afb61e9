import { useState } from 'react';

/**
 * Local text for a form control that follows the stored value when it changes elsewhere (undo),
 * but keeps what the person is typing while it does not parse yet ("1.", "{").
 */
export function useDraft<T>(
  value: T,
  toText: (value: T) => string,
  parse: (text: string) => { ok: true; value: T } | { ok: false },
): [string, (text: string) => void] {
  const [draft, setDraft] = useState(() => toText(value));
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    setSeen(value);
    const parsed = parse(draft);
    if (!parsed.ok || JSON.stringify(parsed.value) !== JSON.stringify(value)) setDraft(toText(value));
  }
  return [draft, setDraft];
}
