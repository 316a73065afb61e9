/**
 * A note's markdown as HTML. micromark loads with the first note shown (not in the first paint) and
 * escapes raw HTML in the text (its default, `allowDangerousHtml: false`), so a note can show
 * `<script>` but never run it; links it writes are kept to http(s) and mailto by its own rules.
 */
import { useEffect, useState } from 'react';

type Render = (markdown: string) => string;
let loading: Promise<Render> | null = null;
const renderer = (): Promise<Render> => (loading ??= import('micromark').then((m) => (text: string) => m.micromark(text)));

export function NoteMarkdown({ text }: { text: string }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void renderer().then((render) => current && setHtml(render(text)));
    return () => {
      current = false;
    };
  }, [text]);
  if (html === null) return <div className="annotation-note__text">{text}</div>;
  // The HTML is micromark's output over escaped input (see above), not the note's raw text.
  return <div className="annotation-note__text annotation-note__md" dangerouslySetInnerHTML={{ __html: html }} />;
}
