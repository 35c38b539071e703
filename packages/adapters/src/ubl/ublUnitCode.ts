// UN/ECE Recommendation 20 codes (BT-130) most often seen on invoices, written the way Polish
// invoices print units (`P_8A` is free text, so an unknown code is kept as it is).
const units: Readonly<Record<string, string>> = {
  C62: 'szt.', H87: 'szt.', EA: 'szt.', XPP: 'szt.', SET: 'kpl.', PR: 'para',
  KGM: 'kg', GRM: 'g', TNE: 't', LTR: 'l', MLT: 'ml', MTQ: 'm3',
  MTR: 'm', KMT: 'km', MTK: 'm2', CMT: 'cm',
  HUR: 'godz.', MIN: 'min', DAY: 'dzień', WEE: 'tydz.', MON: 'mies.', ANN: 'rok',
  KWH: 'kWh', MWH: 'MWh', XPK: 'opak.', XBX: 'karton', LS: 'usługa',
};

/** The Polish unit name for a UN/ECE Rec. 20 code, or undefined when we do not know the code. */
export function ublUnitName(code: string): string | undefined {
  return units[code.trim().toUpperCase()];
}
