/**
 * Fit-view after auto-layout: never so far out that titles cannot be read, nor zoomed in past 100 %
 * on a small graph. A big graph then shows its centre; pan or the minimap reach the rest.
 */
export const LAYOUT_FIT_OPTIONS = { padding: 0.15, minZoom: 0.55, maxZoom: 1, duration: 200 };
