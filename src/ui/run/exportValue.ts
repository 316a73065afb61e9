/** Results leave the app: a table as CSV, a chart as SVG or PNG, any value as JSON. */
import { FILE_TYPES, valueFileText, type ValueFileFormat } from '../../worker/valueFile';
import { downloadBytes } from '../shell/download';

function download(blob: Blob, filename: string): void {
  downloadBytes(blob, filename, blob.type);
}

const safe = (name: string) => name.replace(/[^\w.-]+/g, '_') || 'value';

/** A table as CSV or any value as JSON, made on this thread: for values the page holds whole (small ones). */
export function exportFile(value: unknown, name: string, format: ValueFileFormat): void {
  downloadFile(new Blob([valueFileText(value, format, name)], { type: FILE_TYPES[format] }), name, format);
}

/** A file made elsewhere (the worker makes the files of the values it holds), downloaded as `<name>.<extension>`. */
export function downloadFile(file: Blob, name: string, extension: string): void {
  download(file, `${safe(name)}.${extension}`);
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
