/** Whole-token matching of a resource identity (ARN, id, name) inside an input string. */

/** `identity` occurs in `text` as a whole token: `tlm-dev-raw` is in `arn:aws:s3:::tlm-dev-raw/*`, not in `tlm-dev-raw-logs`. */
export function mentions(text: string, identity: string): boolean {
  for (let at = text.indexOf(identity); at !== -1; at = text.indexOf(identity, at + 1)) {
    const before = text[at - 1];
    const after = text[at + identity.length];
    if ((before === undefined || !/[\w-]/.test(before)) && (after === undefined || !/[\w-]/.test(after))) return true;
  }
  return false;
}
