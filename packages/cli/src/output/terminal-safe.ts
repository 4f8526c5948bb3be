// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
// biome-ignore lint/suspicious/noControlCharactersInRegex: the colour escapes Switchyard writes itself.
const COLOUR = /(\u001b\[[0-9;]*m)/;

/**
 * `text` as it may reach a terminal: control characters (escapes, bells, carriage returns) removed,
 * line breaks and tabs kept, and colour codes kept only when `colors` is on (picocolors writes them
 * only then). Text from files and engines is printed in many places; filtering where it is written
 * keeps a host file's GPU name or a model file's name from recolouring or retitling the terminal.
 */
export function terminalSafe(text: string, colors: boolean): string {
  // Most output has none (colour codes are controls too): one scan instead of three.
  if (!CONTROL.test(text)) return text;
  const plain = (part: string) => part.replaceAll('\r\n', '\n').replaceAll('\r', '\n').replace(CONTROLS, '');
  if (!colors) return plain(text);
  return text
    .split(COLOUR)
    .map((part, i) => (i % 2 === 1 ? part : plain(part)))
    .join('');
}
