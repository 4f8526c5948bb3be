/**
 * A whole number with commas between groups of three digits: 131,072. Written out rather than
 * `toLocaleString('en')`, whose first call loads ICU's locale data and costs a CLI run ~25 ms.
 */
export function groupDigits(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
