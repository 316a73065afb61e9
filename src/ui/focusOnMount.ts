/**
 * A ref that focuses its element when it mounts: what `autoFocus` means on a control that appears
 * after the page loaded (a find bar, a rename field, a confirm button). React focuses an `autoFocus`
 * element itself; Preact only writes the `autofocus` attribute, which a browser honours on page load
 * or when a `<dialog>` opens, not on an element inserted later. One module-level function, so the ref
 * is stable and runs once per mount.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
