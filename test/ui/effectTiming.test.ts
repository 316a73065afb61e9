// @vitest-environment happy-dom
/**
 * Effect order under `src/ui/effectTiming.ts`: an unmounted component's cleanup runs before a newly
 * mounted one's effect, even when the new one renders again before paint. This is the shape of React
 * Flow's `StoreUpdater` (its unmount cleanup resets the store the new instance has just filled), which
 * left the canvas empty after an import when effects waited for paint.
 */
import { describe, expect, it } from 'vitest';
import { h, render, type VNode } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import '../../src/ui/effectTiming';

const store = { nodes: [] as string[] };

function StoreUpdater({ nodes }: { nodes: string[] }): null {
  useEffect(() => {
    store.nodes = nodes;
  }, [nodes]);
  useEffect(
    () => () => {
      store.nodes = [];
    },
    [],
  );
  return null;
}

interface View {
  key: string;
  nodes: string[];
}
const controls: { show?: (view: View) => void; rerender?: () => void } = {};

function Canvas(): VNode {
  const [view, setView] = useState<View>({ key: 'first', nodes: ['a'] });
  const [, setTick] = useState(0);
  controls.show = setView;
  controls.rerender = () => setTick((tick) => tick + 1);
  return h(StoreUpdater, { key: view.key, nodes: view.nodes }) as VNode;
}

const microtasks = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
/** Renders `vnode` into a new element of the page; `render(null, root)` unmounts it. */
function mount(vnode: VNode<never>): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(vnode, root);
  return root;
}
const afterPaint = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 120));

describe('effect timing', () => {
  it('runs an unmounted component’s cleanup before the effects of its replacement that re-rendered', async () => {
    const root = mount(h(Canvas, null));
    await afterPaint();
    expect(store.nodes).toEqual(['a']);

    controls.show?.({ key: 'second', nodes: ['b', 'c'] }); // the canvas remounts (an import)
    await microtasks();
    controls.rerender?.(); // and renders again before its effects ran
    await microtasks();
    await afterPaint();
    expect(store.nodes).toEqual(['b', 'c']);
    render(null, root);
  });

  it('runs effects after paint for a render no discrete event caused', async () => {
    const root = mount(h(Canvas, null));
    await afterPaint();
    controls.show?.({ key: 'third', nodes: ['d'] });
    await microtasks();
    expect(store.nodes, 'not yet: the effect waits for paint').toEqual(['a']);
    await afterPaint();
    expect(store.nodes).toEqual(['d']);
    render(null, root);
  });

  it('runs the effects of a click’s render before the next event, as React does', async () => {
    const root = mount(h(Canvas, null));
    await afterPaint();
    const button = document.createElement('button');
    button.addEventListener('click', () => controls.show?.({ key: 'fourth', nodes: ['e'] }));
    root.append(button);
    button.click();
    await microtasks();
    expect(store.nodes).toEqual(['e']);
    render(null, root);
  });
});

/** A chart that draws into its element from an effect, as the sweep's small multiples do. */
function Chart({ drawn }: { drawn: string[] }): VNode {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    drawn.push(host.current ? 'drawn' : 'no element');
  }, [drawn]);
  return h('div', { ref: host }) as VNode;
}

/** Has an effect of its own that is still waiting when its parent renders it again. */
function Busy({ tick }: { tick: number }): null {
  useEffect(() => {}, [tick]);
  return null;
}

describe('effect timing, a render before paint', () => {
  it('runs no effect of this render before its refs are set: a chart mounted beside a component that renders again', async () => {
    const drawn: string[] = [];
    const controls: { next?: () => void } = {};
    function Results(): VNode {
      const [step, setStep] = useState(0);
      controls.next = () => setStep((n) => n + 1);
      // The busy one renders after the chart in the same pass, with its effect from the last pass still waiting.
      return h('div', null, step >= 2 ? h(Chart, { drawn }) : null, h(Busy, { tick: step >= 1 ? 1 : 0 })) as VNode;
    }
    const root = mount(h(Results, null));
    await afterPaint();
    controls.next?.(); // Busy's effect now waits for paint
    await microtasks();
    controls.next?.(); // the chart mounts, and Busy renders again before that effect ran
    await microtasks();
    await afterPaint();
    expect(drawn).toEqual(['drawn']);
    render(null, root);
  });
});
