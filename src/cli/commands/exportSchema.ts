import { formatJsonSchema } from '../format';
import type { CliIO } from '../io';

/** `swark export-schema`: the JSON Schema of the `.swark.json` format. */
export function exportSchemaCommand(io: CliIO): number {
  io.out(JSON.stringify(formatJsonSchema(), null, 2));
  return 0;
}
