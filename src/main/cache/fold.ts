/* Search key for names: case- and accent-insensitive ("Café" and "CAFE" both fold to "cafe").
 * NFD splits accented letters into base letter + combining mark; dropping the marks and
 * lower-casing gives a key that a plain substring match can use. Done once per row at write
 * time so searches never fold 50,000 names. */
const COMBINING_MARKS = /\p{M}/gu;

export function foldName(name: string): string {
  return name.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
}
