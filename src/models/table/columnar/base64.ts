/** Typed arrays as little-endian bytes in base64, in the browser and in Node alike. */
// ---------------------------------------------------------------- bytes and base64

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of a typed array in little-endian order (a copy only on a big-endian host). */
export function littleEndianBytes(array: Int8Array | Int16Array | Int32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array): Uint8Array {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  return LITTLE_ENDIAN || array.BYTES_PER_ELEMENT === 1 ? bytes : swapped(bytes, array.BYTES_PER_ELEMENT);
}

function swapped(bytes: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width) for (let j = 0; j < width; j++) out[i + j] = bytes[i + width - 1 - j] as number;
  return out;
}

interface NodeBuffer {
  from(data: ArrayBufferLike | string, offsetOrEncoding?: number | string, length?: number): Uint8Array & { toString(encoding: string): string };
}
const NodeBufferClass = (globalThis as { Buffer?: NodeBuffer }).Buffer;
type Base64Array = Uint8Array & { toBase64?: () => string };
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as Base64Array).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  if (NodeBufferClass) return NodeBufferClass.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return portableToBase64(bytes);
}

/** Base64 in plain JS, where neither `Uint8Array.prototype.toBase64` nor Node's Buffer is there. */
export function portableToBase64(bytes: Uint8Array): string {
  let out = '';
  let chunk: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    chunk.push(
      (ALPHABET[a >> 2] as string) +
        ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)] +
        (b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]) +
        (c === undefined ? '=' : ALPHABET[c & 63]),
    );
    if (chunk.length === 4096) {
      out += chunk.join('');
      chunk = [];
    }
  }
  return out + chunk.join('');
}

const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** The bytes of base64 `text`, in a buffer of their own (offset 0, so any typed array may view it). */
export function fromBase64(text: string): Uint8Array {
  if (typeof nativeFromBase64 === 'function') return nativeFromBase64(text);
  if (NodeBufferClass) {
    const view = NodeBufferClass.from(text, 'base64');
    // Node pools small buffers: copy to a buffer of its own, aligned for any element width.
    return new Uint8Array(view);
  }
  return portableFromBase64(text);
}

/** The inverse of {@link portableToBase64}. */
export function portableFromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = DECODE[clean.charCodeAt(i)] ?? -1;
    if (code < 0) throw new Error('a table column is not valid base64');
    value = (value << 6) | code;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 255;
    }
  }
  return out;
}

export function bytesOf(text: string, width: number, count: number, what: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes.byteLength !== width * count) throw new Error(`a table's ${what} column holds ${bytes.byteLength} bytes, not ${width * count}`);
  return LITTLE_ENDIAN || width === 1 ? bytes : swapped(bytes, width);
}
