/** A file that cannot serve as an input; the message is the report's reason. */
export class BadImage extends Error {
  override readonly name = 'BadImage';
}
