const weights = [6, 5, 7, 2, 3, 4, 5, 6, 7];

/** Whether a 10-digit NIP has a valid checksum (weights 6,5,7,2,3,4,5,6,7, sum mod 11 = last digit). */
export function isNipChecksumValid(nip: string): boolean {
  if (!/^\d{10}$/.test(nip)) return false;
  const sum = weights.reduce((acc, w, i) => acc + w * Number(nip[i]), 0);
  const check = sum % 11;
  return check !== 10 && check === Number(nip[9]);
}
