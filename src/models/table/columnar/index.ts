/** The `table` value type's payload by column (payload.ts describes it): its encoder and decoder. */
export * from './payload';
export { fromBase64, portableFromBase64, portableToBase64, toBase64 } from './base64';
export { encodeTablePayload } from './encode';
export { checkTablePayload, decodeTablePayload } from './decode';
