/** Identifier rule: 1-128 characters of A-Z a-z 0-9 _ . : - (UUIDs, ULIDs, prefixed ids such as EVENT_a1b2). */
export const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
export const ID_MAX_LENGTH = 128;

/** ASCII code → allowed in an id; a table lookup per character beats a regex on the hot path. */
const ID_CHAR = (() => {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) table[code] = ID_PATTERN.test(String.fromCharCode(code)) ? 1 : 0;
  return table;
})();

/** Same answer as ID_PATTERN.test(value). */
export function isValidId(value: string): boolean {
  const length = value.length;
  if (length === 0 || length > ID_MAX_LENGTH) return false;
  for (let i = 0; i < length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128 || ID_CHAR[code] === 0) return false;
  }
  return true;
}
