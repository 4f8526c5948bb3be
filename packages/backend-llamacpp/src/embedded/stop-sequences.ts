/**
 * Finds OpenAI `stop` sequences in generated text as it streams: text that cannot begin a stop
 * sequence is released at once, a tail that might is held back until the next chunk decides, and
 * the text ends before the first stop sequence found.
 */
export class StopSequences {
  private held = '';
  private found = false;

  constructor(private readonly sequences: readonly string[]) {}

  /** Whether a stop sequence has been found: the text has ended. */
  get stopped(): boolean {
    return this.found;
  }

  /** Takes the next chunk of generated text and returns the text now safe to release. */
  push(chunk: string): string {
    if (this.found) return '';
    const text = this.held + chunk;
    const stopAt = Math.min(...this.sequences.map((sequence) => text.indexOf(sequence)).filter((at) => at >= 0));
    if (Number.isFinite(stopAt)) {
      this.found = true;
      this.held = '';
      return text.slice(0, stopAt);
    }
    const keep = this.longestTailThatCouldStartASequence(text);
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** The text held back for a stop sequence that never completed, once the generation has ended. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  private longestTailThatCouldStartASequence(text: string): number {
    let longest = 0;
    for (const sequence of this.sequences) {
      for (let length = Math.min(sequence.length - 1, text.length); length > longest; length--) {
        if (text.endsWith(sequence.slice(0, length))) longest = length;
      }
    }
    return longest;
  }
}
