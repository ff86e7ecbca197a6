/** Colour and spinners only for a person at a terminal: never with NO_COLOR, --no-color or in CI. */
export function interactiveOutput(stream: NodeJS.WriteStream, colorFlag: boolean | undefined): boolean {
  if (colorFlag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') return false;
  return stream.isTTY === true;
}
