/** C0 controls, DEL and C1 controls: characters that steer a terminal (escapes, newlines) instead of printing. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** `text` with its control characters removed, so text from an untrusted file cannot drive the terminal. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}
