import { defineModel } from '../../engine';
import { port } from '../ports';

export const jsonParse = defineModel({
  id: 'json.parse',
  title: 'Parse JSON',
  description: 'Reads JSON text into a value',
  category: 'json',
  inputs: { text: port.text('JSON text', 'textarea') },
  outputs: { value: port.json('The parsed value') },
  run: ({ text }) => {
    try {
      return { value: JSON.parse(text) as unknown as null };
    } catch (error) {
      const detail = error instanceof Error ? error.message.replace(/^JSON\.parse: /, '') : String(error);
      throw new Error(`the text is not valid JSON: ${detail}`, { cause: error });
    }
  },
});
