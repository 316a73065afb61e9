import { decodeValue, encodeValue, type Extract, type ExtractJSON } from '../engine';
import type { StoredExtract } from '../persistence/types';

interface StoredExtractJSON {
  stepKey: string;
  inputHash: string;
  input: ExtractJSON;
  output: ExtractJSON;
}

function toJSON(extract: Extract): ExtractJSON {
  return { model: extract.model, version: extract.version, ...(extract.at === undefined ? {} : { at: extract.at }), value: encodeValue(extract.value) };
}

function fromJSON(json: ExtractJSON): Extract {
  return { model: json.model, version: json.version, ...(json.at === undefined ? {} : { at: json.at }), value: decodeValue(json.value) };
}

/** A stored extract as JSON text, values through the engine's codec so types survive. */
export function encodeExtract(entry: StoredExtract): string {
  const json: StoredExtractJSON = { stepKey: entry.stepKey, inputHash: entry.inputHash, input: toJSON(entry.input), output: toJSON(entry.output) };
  return JSON.stringify(json);
}

export function decodeExtract(text: string): StoredExtract {
  const json = JSON.parse(text) as StoredExtractJSON;
  return { stepKey: json.stepKey, inputHash: json.inputHash, input: fromJSON(json.input), output: fromJSON(json.output) };
}
