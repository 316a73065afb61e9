/** Results leave the app: a table as CSV, a chart as SVG or PNG, any value as JSON. */
import { encodeValue } from '../../engine';
import { isTable, toCSV } from '../../models';
import { downloadBytes } from '../shell/download';

function download(blob: Blob, filename: string): void {
  downloadBytes(blob, filename, blob.type);
}

const safe = (name: string) => name.replace(/[^\w.-]+/g, '_') || 'value';

/**
 * The JSON a person downloads: a table as its rows (`[{ "date": "2012-01-01T00:00:00.000Z", … }]`,
 * dates in ISO 8601, numbers in full; NaN and infinities, which JSON cannot hold, as null); any
 * other value in the app's own encoding, which keeps dates and such exactly.
 */
export function jsonText(value: unknown): string {
  return isTable(value) ? JSON.stringify(value.rows(), null, 2) : JSON.stringify(encodeValue(value), null, 2);
}

export function exportJSON(value: unknown, name: string): void {
  download(new Blob([jsonText(value)], { type: 'application/json' }), `${safe(name)}.json`);
}

export function exportCSV(value: unknown, name: string): void {
  if (!isTable(value)) throw new Error(`${name} is not a table, so it has no CSV form`);
  download(new Blob([toCSV(value)], { type: 'text/csv' }), `${safe(name)}.csv`);
}

export function exportSVG(svg: SVGSVGElement, name: string): void {
  const text = new XMLSerializer().serializeToString(svg);
  download(new Blob([text], { type: 'image/svg+xml' }), `${safe(name)}.svg`);
}

export async function exportPNG(svg: SVGSVGElement, name: string): Promise<void> {
  const text = new XMLSerializer().serializeToString(svg);
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * 2);
  canvas.height = Math.ceil(height * 2);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw a PNG');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the chart could not be drawn as a PNG');
  download(blob, `${safe(name)}.png`);
}

export function exportText(text: string, name: string): void {
  download(new Blob([text], { type: 'text/plain' }), `${safe(name)}.txt`);
}
