/** The sweep's modal: its setup (what to run over, which outputs) or its results. Loaded on first use. */
import { useLateStores } from '../hooks/useLateStores';
import { useEffect, useRef } from 'react';
import type { SweepState } from '../../store/sweep';
import { useSweep } from '../hooks/useSweep';
import { SweepResults } from './SweepResults';
import { SweepSetup } from './SweepSetup';
import './sweep.css';

const selectDialog = (state: SweepState) => state.dialog;

export default function SweepDialog() {
  const dialog = useSweep(selectDialog);
  const { sweep } = useLateStores();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (dialog !== 'closed' && !element.open) element.showModal();
    if (dialog === 'closed' && element.open) element.close();
  }, [dialog]);
  return (
    <dialog
      ref={ref}
      className={`help-dialog sweep-dialog${dialog === 'results' ? ' is-results' : ''}`}
      aria-labelledby="sweep-title"
      data-testid="sweep-dialog"
      // Closing hides the dialog; a sweep under way goes on (the button reopens its results).
      onClose={() => sweep.getState().close()}
    >
      {dialog === 'setup' && <SweepSetup />}
      {dialog === 'results' && <SweepResults />}
    </dialog>
  );
}
