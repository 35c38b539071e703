// Synthetic invoice drafts, one per scenario, for the renderer's golden tests. Companies are made
// up; every NIP has a valid check digit; KSeF numbers carry a valid CRC-8.
import { computeKsefNumberChecksum } from '../../../identifiers/KsefNumber.js';
import type { InvoiceDraft } from '../../model/InvoiceDraft.js';
import type { Buyer, Seller } from '../../model/Party.js';
import { polishAddress } from '../../model/polishAddress.js';

/** `DataWytworzeniaFa` of every golden file. */
export const goldenNow = new Date('2026-02-10T09:30:00Z');

function ksefNumber(data: string): string {
  return `${data}-${computeKsefNumberChecksum(data)}`;
}

const seller: Seller = {
  nip: '9510001115',
  name: 'Zakłady Przykładowe „Świt” Sp. z o.o.',
  address: polishAddress({ street: 'ul. Kwiatowa', building: '12', flat: '4', postalCode: '00-950', city: 'Warszawa' }),
  contacts: [{ email: 'faktury@swit.example', phone: '+48221234567' }],
};

const buyer: Buyer = {
  id: { nip: '7771112226' },
  name: 'Hurtownia Nadwiślańska S.A. & Partnerzy',
  address: polishAddress({ street: 'al. Jerozolimskie', building: '100', postalCode: '02-017', city: 'Warszawa' }),
  customerNumber: 'K-00042',
};

const bankAccount = { number: '73111111111111111111111111', bankName: 'Bank Przykładowy S.A.' };

/** A VAT invoice with a line for every FA(3) rate, third parties, payment terms and a footer. */
export const vatMixedRates: InvoiceDraft = {
  kind: 'VAT',
  number: 'FV/2026/02/001',
  issueDate: '2026-02-10',
  issuePlace: 'Warszawa',
  saleDate: '2026-02-09',
  seller,
  buyer,
  thirdParties: [
    {
      id: { nip: '5840003339' },
      name: 'Faktor Finansowy Sp. z o.o.',
      address: polishAddress({ street: 'ul. Mostowa', building: '3', postalCode: '31-001', city: 'Kraków' }),
      role: 'factor',
    },
    {
      id: { internalId: '7771112226-00001' },
      name: 'Oddział Gdańsk',
      address: polishAddress({ street: 'ul. Długa', building: '8', postalCode: '80-827', city: 'Gdańsk' }),
      role: 'recipient',
    },
    { id: { none: true }, name: 'Jan Nowak', address: { countryCode: 'CZ', line1: 'Národní 10', line2: '110 00 Praha' }, role: { other: 'Pełnomocnik' } },
  ],
  lines: [
    { description: 'Usługa doradcza', unit: 'godz.', quantity: '10', unitPriceNet: '150.00', netValue: '1500.00', vatRate: '23' },
    { description: 'Usługa według stawki 22%', unit: 'szt.', quantity: '1', unitPriceNet: '100.00', netValue: '100.00', vatRate: '22' },
    { description: 'Książka „Prawo podatkowe”', unit: 'szt.', quantity: '3', unitPriceNet: '33.33', netValue: '99.99', vatRate: '5' },
    { description: 'Usługa gastronomiczna', unit: 'usł.', quantity: '1', unitPriceNet: '80.00', netValue: '80.00', vatRate: '8' },
    { description: 'Usługa według stawki 7%', unit: 'usł.', quantity: '1', unitPriceNet: '10.00', netValue: '10.00', vatRate: '7' },
    { description: 'Przewóz taksówką (ryczałt)', unit: 'kurs', quantity: '2', unitPriceNet: '45.50', netValue: '91.00', vatRate: '4' },
    { description: 'Przewóz taksówką (ryczałt 3%)', unit: 'kurs', quantity: '1', unitPriceNet: '20.00', netValue: '20.00', vatRate: '3' },
    { description: 'Statek morski — części', unit: 'szt.', quantity: '1', unitPriceNet: '500.00', netValue: '500.00', vatRate: '0 KR' },
    { description: 'Dostawa wewnątrzwspólnotowa', unit: 'szt.', quantity: '5', unitPriceNet: '40.00', netValue: '200.00', vatRate: '0 WDT' },
    { description: 'Eksport towarów', unit: 'szt.', quantity: '2', unitPriceNet: '75.25', netValue: '150.50', vatRate: '0 EX' },
    { description: 'Szkolenie zawodowe', unit: 'usł.', quantity: '1', unitPriceNet: '300.00', netValue: '300.00', vatRate: 'zw' },
    { description: 'Roboty budowlane (odwrotne obciążenie)', unit: 'usł.', quantity: '1', unitPriceNet: '1000.00', netValue: '1000.00', vatRate: 'oo' },
    { description: 'Montaż poza terytorium kraju', unit: 'usł.', quantity: '1', unitPriceNet: '250.00', netValue: '250.00', vatRate: 'np I' },
    { description: 'Usługa dla podatnika z UE (art. 28b)', unit: 'usł.', quantity: '1', unitPriceNet: '400.00', netValue: '400.00', vatRate: 'np II' },
  ],
  annotations: { exemption: { source: 'act', text: 'art. 43 ust. 1 pkt 29 lit. c ustawy o VAT' } },
  payment: {
    dueDates: [{ date: '2026-02-24' }],
    method: 'transfer',
    bankAccounts: [bankAccount],
  },
  additionalInfo: [{ key: 'Zamówienie', value: 'ZAM/17/2026' }, { key: 'Uwagi', value: 'Dostawa <pilna> & ubezpieczona', lineNumber: 1 }],
  footer: { texts: ['Kapitał zakładowy 50 000 zł'], registries: [{ krs: '0000099999', regon: '123456785', bdo: '000012345' }] },
};

/** A correction (KOR) of one KSeF invoice: the old line (StanPrzed) and the new one. */
export const correction: InvoiceDraft = {
  kind: 'KOR',
  number: 'FK/2026/02/001',
  issueDate: '2026-02-10',
  seller,
  buyer,
  correction: {
    reason: 'Błędna cena jednostkowa',
    effect: 'correction-date',
    corrected: [{ issueDate: '2026-01-15', number: 'FV/2026/01/017', ksefNumber: ksefNumber('9510001115-20260115-0A1B2C3D4E5F') }],
  },
  lines: [
    { description: 'Usługa doradcza', unit: 'godz.', quantity: '10', unitPriceNet: '150.00', netValue: '1500.00', vatRate: '23', before: true },
    { description: 'Usługa doradcza', unit: 'godz.', quantity: '10', unitPriceNet: '135.00', netValue: '1350.00', vatRate: '23' },
  ],
  payment: { method: 'transfer', bankAccounts: [bankAccount] },
};

/** An advance invoice (ZAL) for an order at two rates. */
export const advance: InvoiceDraft = {
  kind: 'ZAL',
  number: 'FZ/2026/02/001',
  issueDate: '2026-02-10',
  seller,
  buyer,
  lines: [],
  advance: {
    amount: '5000.00',
    receivedOn: '2026-02-09',
    order: {
      lines: [
        { description: 'Maszyna pakująca', unit: 'szt.', quantity: '1', unitPriceNet: '10000.00', netValue: '10000.00', vatRate: '23' },
        { description: 'Instrukcja obsługi (książka)', unit: 'szt.', quantity: '1', unitPriceNet: '100.00', netValue: '100.00', vatRate: '5' },
      ],
    },
  },
  payment: { paidOn: '2026-02-09', method: 'transfer' },
};

/** A settlement invoice (ROZ) after the advance above. */
export const settlement: InvoiceDraft = {
  kind: 'ROZ',
  number: 'FR/2026/02/001',
  issueDate: '2026-02-10',
  saleDate: '2026-02-10',
  seller,
  buyer,
  lines: [
    { description: 'Maszyna pakująca', unit: 'szt.', quantity: '1', unitPriceNet: '10000.00', netValue: '10000.00', vatRate: '23' },
    { description: 'Instrukcja obsługi (książka)', unit: 'szt.', quantity: '1', unitPriceNet: '100.00', netValue: '100.00', vatRate: '5' },
  ],
  settlement: {
    advanceInvoices: [{ ksefNumber: ksefNumber('9510001115-20260110-ABCDEF012345') }, { number: 'FZ/2025/12/007' }],
    advances: [
      // What the advance invoice above (zal-advance) stated.
      { vatRate: '23', net: '4030.63', vat: '927.05' },
      { vatRate: '5', net: '40.30', vat: '2.02' },
    ],
  },
  payment: { dueDates: [{ relative: { count: 14, unit: 'dni', from: 'od daty doręczenia' } }], method: 'transfer', bankAccounts: [bankAccount] },
};

/** A simplified invoice (UPR, ≤ 450 PLN): buyer by NIP only, no quantities. */
export const simplified: InvoiceDraft = {
  kind: 'UPR',
  number: 'PAR/2026/02/0815',
  issueDate: '2026-02-10',
  seller,
  buyer: { id: { nip: '6770005551' } },
  lines: [{ description: 'Materiały biurowe', netValue: '81.30', vatRate: '23' }],
  payment: { paidOn: '2026-02-10', method: 'card' },
};

/** A foreign-currency invoice (EUR) to an EU buyer: KursWaluty on lines, P_14_xW in PLN. */
export const foreignCurrency: InvoiceDraft = {
  kind: 'VAT',
  number: 'FV/2026/02/EUR/003',
  issueDate: '2026-02-10',
  saleDate: '2026-02-06',
  currency: 'EUR',
  exchangeRate: '4.2156',
  seller: { ...seller, euVatPrefix: true },
  buyer: {
    id: { euVat: { countryCode: 'DE', number: '123456789' } },
    name: 'Beispiel Handels GmbH',
    address: { countryCode: 'DE', line1: 'Musterstraße 5', line2: '10115 Berlin' },
  },
  lines: [
    { description: 'Oprogramowanie — licencja', unit: 'szt.', quantity: '3', unitPriceNet: '333.33', netValue: '999.99', vatRate: '23' },
    { description: 'Dostawa towaru do Niemiec', unit: 'szt.', quantity: '10', unitPriceNet: '12.5', netValue: '125.00', vatRate: '0 WDT' },
  ],
  payment: { dueDates: [{ date: '2026-03-10' }], method: 'transfer', bankAccounts: [{ number: 'PL61109010140000071219812874', swift: 'WBKPPLPP', description: 'EUR' }] },
};

/** A gross-priced invoice (P_11A, art. 106e ust. 7 and 8), e.g. from a retail till. */
export const grossPriced: InvoiceDraft = {
  kind: 'VAT',
  number: 'FV/2026/02/B/044',
  issueDate: '2026-02-10',
  seller,
  buyer,
  lines: [
    { description: 'Kawa ziarnista 1 kg', unit: 'szt.', quantity: '3', unitPriceGross: '59.99', grossValue: '179.97', vatRate: '5' },
    { description: 'Młynek do kawy', unit: 'szt.', quantity: '1', unitPriceGross: '249.00', grossValue: '249.00', vatRate: '23' },
    { description: 'Filtry papierowe', unit: 'opak.', quantity: '2', unitPriceGross: '12.49', grossValue: '24.98', vatRate: '23' },
  ],
  payment: { paidOn: '2026-02-10', method: 'cash' },
};

/** A margin-scheme invoice (second-hand goods, art. 120): no rates, P_13_11. */
export const margin: InvoiceDraft = {
  kind: 'VAT',
  number: 'FM/2026/02/009',
  issueDate: '2026-02-10',
  seller,
  buyer,
  annotations: { margin: 'used-goods' },
  lines: [
    { description: 'Samochód osobowy używany', unit: 'szt.', quantity: '1', unitPriceGross: '38500.00', grossValue: '38500.00' },
  ],
  payment: { dueDates: [{ date: '2026-02-17' }], method: 'transfer', bankAccounts: [bankAccount] },
};

/** Annex-15 goods over 15 000 PLN to a taxpayer: split payment (P_18A) derived, P_12_Zal_15 on the line. */
export const splitPayment: InvoiceDraft = {
  kind: 'VAT',
  number: 'FV/2026/02/MPP/012',
  issueDate: '2026-02-10',
  seller,
  buyer,
  lines: [
    { description: 'Telefony komórkowe', unit: 'szt.', quantity: '20', unitPriceNet: '1200.00', netValue: '24000.00', vatRate: '23', annex15: true, gtu: 'GTU_06' },
  ],
  payment: { dueDates: [{ date: '2026-02-24' }], method: 'transfer', bankAccounts: [bankAccount] },
};

/** Every golden scenario, by the file stem of its golden output. */
export const goldenDrafts: Readonly<Record<string, InvoiceDraft>> = {
  'vat-mixed-rates': vatMixedRates,
  'kor-before-after': correction,
  'zal-advance': advance,
  'roz-settlement': settlement,
  'upr-simplified': simplified,
  'vat-foreign-currency': foreignCurrency,
  'vat-gross-priced': grossPriced,
  'vat-margin': margin,
  'vat-split-payment': splitPayment,
};
