import type { ComputedTotals } from '../amounts/computeInvoiceTotals.js';
import { Decimal } from '../amounts/Decimal.js';
import type { Address } from '../model/Address.js';
import type { InvoiceDraft } from '../model/InvoiceDraft.js';
import type { InvoiceLine } from '../model/InvoiceLine.js';
import type { AuthorisedParty, Buyer, Contact, PartyId, Seller, ThirdParty, ThirdPartyId } from '../model/Party.js';
import { thirdPartyRoleCodes } from '../model/Party.js';
import type { BankAccount, Payment } from '../model/Payment.js';
import { paymentMethodCodes } from '../model/Payment.js';
import { taxedVatBuckets, vatBuckets } from '../model/VatBucket.js';
import { vatPercent, type VatRate } from '../model/VatRate.js';
import type { DerivedAnnotations } from './deriveAnnotations.js';
import { faFormInfo, type FaForm } from './FaForm.js';
import { sequence, type FieldValue } from './sequence.js';
import type { XmlElement } from './XmlElement.js';

/** What `buildFaktura` needs besides the draft. */
export interface BuildContext {
  readonly form: FaForm;
  /** `DataWytworzeniaFa`. */
  readonly now: Date;
  readonly computed: ComputedTotals;
  readonly annotations: DerivedAnnotations;
}

/** `SystemInfo`: the name of the system that produced the invoice. */
export const systemInfo = 'ksef-connect';

const yes = '1';
const flag = (value: boolean): string => (value ? '1' : '2');
const hundred = Decimal.of(100n);

/** A source decimal in the XSD's lexical form: its digits kept, leading zeros and `+` dropped, never `-0`. */
function num(value: string): string;
function num(value: string | undefined): string | undefined;
function num(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = Decimal.parse(value);
  return d.toFixed(d.scale);
}

/** The rate as the form spells it: FA(2) has plain `0` and `np` where FA(3) distinguishes them. */
export function rateForForm(rate: VatRate, form: FaForm): string {
  if (form === 'FA (3)') return rate;
  if (rate.startsWith('0 ')) return '0';
  if (rate.startsWith('np ')) return 'np';
  return rate;
}

function address(a: Address | undefined): readonly XmlElement[] | undefined {
  return a && sequence('TAdres', { KodKraju: a.countryCode, AdresL1: a.line1, AdresL2: a.line2, GLN: a.gln });
}

function contacts(list: readonly Contact[] | undefined): FieldValue[] | undefined {
  return list?.map((c) => sequence('Podmiot1/DaneKontaktowe', { Email: c.email, Telefon: c.phone }));
}

function partyId(id: PartyId | ThirdPartyId, name: string | undefined, type: 'TPodmiot2' | 'TPodmiot3'): readonly XmlElement[] {
  const fields = {
    Nazwa: name,
    ...('nip' in id ? { NIP: id.nip } : {}),
    ...('euVat' in id ? { KodUE: id.euVat.countryCode, NrVatUE: id.euVat.number } : {}),
    ...('foreignId' in id ? { KodKraju: id.foreignId.countryCode, NrID: id.foreignId.id } : {}),
    ...('none' in id ? { BrakID: yes } : {}),
  };
  if ('internalId' in id) return sequence('TPodmiot3', { ...fields, IDWew: id.internalId });
  return sequence(type, fields);
}

function seller(s: Seller): readonly XmlElement[] {
  const statusCodes = { liquidation: '1', restructuring: '2', bankruptcy: '3', inheritance: '4' } as const;
  return sequence('Podmiot1', {
    PrefiksPodatnika: s.euVatPrefix ? 'PL' : undefined,
    NrEORI: s.eoriNumber,
    DaneIdentyfikacyjne: sequence('TPodmiot1', { NIP: s.nip, Nazwa: s.name }),
    Adres: address(s.address),
    AdresKoresp: address(s.correspondenceAddress),
    DaneKontaktowe: contacts(s.contacts),
    StatusInfoPodatnika: s.status && statusCodes[s.status],
  });
}

function buyer(b: Buyer, form: FaForm): readonly XmlElement[] {
  return sequence('Podmiot2', {
    NrEORI: b.eoriNumber,
    DaneIdentyfikacyjne: partyId(b.id, b.name, 'TPodmiot2'),
    Adres: address(b.address),
    AdresKoresp: address(b.correspondenceAddress),
    DaneKontaktowe: contacts(b.contacts),
    NrKlienta: b.customerNumber,
    IDNabywcy: b.buyerKey,
    // JST and GV are mandatory in FA(3) and absent from FA(2).
    JST: form === 'FA (3)' ? flag(b.localGovernmentUnit ?? false) : undefined,
    GV: form === 'FA (3)' ? flag(b.vatGroupMember ?? false) : undefined,
  });
}

function thirdParty(t: ThirdParty): readonly XmlElement[] {
  const role = typeof t.role === 'string' ? { Rola: thirdPartyRoleCodes[t.role] } : { RolaInna: yes, OpisRoli: t.role.other };
  return sequence('Podmiot3', {
    IDNabywcy: t.buyerKey,
    NrEORI: t.eoriNumber,
    DaneIdentyfikacyjne: partyId(t.id, t.name, 'TPodmiot3'),
    Adres: address(t.address),
    AdresKoresp: address(t.correspondenceAddress),
    DaneKontaktowe: contacts(t.contacts),
    ...role,
    Udzial: num(t.share),
    NrKlienta: t.customerNumber,
  });
}

function authorisedParty(p: AuthorisedParty): readonly XmlElement[] {
  const roles = { 'enforcement-authority': '1', bailiff: '2', 'tax-representative': '3' } as const;
  return sequence('PodmiotUpowazniony', {
    NrEORI: p.eoriNumber,
    DaneIdentyfikacyjne: sequence('TPodmiot1', { NIP: p.nip, Nazwa: p.name }),
    Adres: address(p.address),
    AdresKoresp: address(p.correspondenceAddress),
    DaneKontaktowe: p.contacts?.map((c) => sequence('PodmiotUpowazniony/DaneKontaktowe', { EmailPU: c.email, TelefonPU: c.phone })),
    RolaPU: roles[p.role],
  });
}

function annotations(a: DerivedAnnotations): readonly XmlElement[] {
  const basis = a.exemption;
  const margin = a.margin;
  return sequence('Adnotacje', {
    P_16: flag(a.cashAccounting),
    P_17: flag(a.selfBilling),
    P_18: flag(a.reverseCharge),
    P_18A: flag(a.splitPayment),
    Zwolnienie: a.exempt && basis
      ? sequence('Zwolnienie', {
          P_19: yes,
          P_19A: basis.source === 'act' ? basis.text : undefined,
          P_19B: basis.source === 'directive' ? basis.text : undefined,
          P_19C: basis.source === 'other' ? basis.text : undefined,
        })
      : sequence('Zwolnienie', { P_19N: yes }),
    // New means of transport (art. 106e ust. 1 pkt 20) are not modelled: always "none".
    NoweSrodkiTransportu: sequence('NoweSrodkiTransportu', { P_22N: yes }),
    P_23: flag(a.triangularProcedure),
    PMarzy: margin
      ? sequence('PMarzy', {
          P_PMarzy: yes,
          P_PMarzy_2: margin === 'travel-agency' ? yes : undefined,
          P_PMarzy_3_1: margin === 'used-goods' ? yes : undefined,
          P_PMarzy_3_2: margin === 'works-of-art' ? yes : undefined,
          P_PMarzy_3_3: margin === 'antiques' ? yes : undefined,
        })
      : sequence('PMarzy', { P_PMarzyN: yes }),
  });
}

function line(l: InvoiceLine, index: number, draft: InvoiceDraft, context: BuildContext): readonly XmlElement[] {
  const { computed, form } = context;
  const value = computed.lineValues[index];
  const marginLine = draft.annotations?.margin !== undefined && l.vatRate === undefined;
  const gross = marginLine ? l.grossValue !== undefined : computed.pricing === 'gross';
  const foreign = (draft.currency ?? 'PLN') !== 'PLN';
  return sequence('FaWiersz', {
    NrWierszaFa: String(index + 1),
    UU_ID: l.lineId,
    P_6A: l.saleDate,
    P_7: l.description,
    Indeks: l.index,
    GTIN: l.gtin,
    PKWiU: l.pkwiu,
    CN: l.cn,
    PKOB: l.pkob,
    P_8A: l.unit,
    P_8B: num(l.quantity),
    P_9A: num(l.unitPriceNet),
    P_9B: num(l.unitPriceGross),
    P_10: num(l.discount),
    P_11: gross ? undefined : value,
    P_11A: gross ? value : undefined,
    P_11Vat: num(l.vatAmount),
    P_12: l.vatRate && rateForForm(l.vatRate, form),
    P_12_Zal_15: l.annex15 ? yes : undefined,
    KwotaAkcyzy: num(l.exciseAmount),
    GTU: l.gtu,
    Procedura: l.procedure,
    KursWaluty: foreign && l.vatRate && vatPercent(l.vatRate) !== undefined ? num(draft.exchangeRate) : undefined,
    StanPrzed: l.before ? yes : undefined,
  });
}

function bankAccount(a: BankAccount): readonly XmlElement[] {
  return sequence('TRachunekBankowy', { NrRB: a.number, SWIFT: a.swift, NazwaBanku: a.bankName, OpisRachunku: a.description });
}

function payment(p: Payment, form: FaForm): readonly XmlElement[] | undefined {
  const method = p.method === undefined
    ? {}
    : typeof p.method === 'string'
      ? { FormaPlatnosci: paymentMethodCodes[p.method] }
      : { PlatnoscInna: yes, OpisPlatnosci: p.method.other };
  const children = sequence('Platnosc', {
    Zaplacono: p.paidOn ? yes : undefined,
    DataZaplaty: p.paidOn,
    TerminPlatnosci: p.dueDates?.map((d) =>
      sequence('TerminPlatnosci', {
        Termin: d.date,
        TerminOpis: d.relative && (form === 'FA (3)'
          ? sequence('TerminOpis', { Ilosc: String(d.relative.count), Jednostka: d.relative.unit, ZdarzeniePoczatkowe: d.relative.from })
          : `${d.relative.count} ${d.relative.unit} ${d.relative.from}`),
      }),
    ),
    ...method,
    RachunekBankowy: p.bankAccounts?.map(bankAccount),
    RachunekBankowyFaktora: p.factorBankAccounts?.map(bankAccount),
    Skonto: p.earlyPaymentDiscount && sequence('Skonto', { WarunkiSkonta: p.earlyPaymentDiscount.conditions, WysokoscSkonta: p.earlyPaymentDiscount.amount }),
  });
  return children.length > 0 ? children : undefined;
}

function order(draft: InvoiceDraft, form: FaForm): readonly XmlElement[] | undefined {
  const advance = draft.advance;
  if (draft.kind !== 'ZAL' || !advance) return undefined;
  let total = Decimal.zero;
  const lines = advance.order.lines.map((l, i) => {
    const percent = vatPercent(l.vatRate);
    const vat = l.vatAmount ?? (percent === undefined ? undefined : Decimal.parse(l.netValue).mul(Decimal.parse(percent)).div(hundred, 2).toFixed(2));
    total = total.add(Decimal.parse(l.netValue)).add(Decimal.parse(vat ?? '0'));
    return sequence('ZamowienieWiersz', {
      NrWierszaZam: String(i + 1),
      P_7Z: l.description,
      IndeksZ: l.index,
      P_8AZ: l.unit,
      P_8BZ: num(l.quantity),
      P_9AZ: num(l.unitPriceNet),
      P_11NettoZ: num(l.netValue),
      P_11VatZ: num(vat),
      P_12Z: rateForForm(l.vatRate, form),
      GTUZ: l.gtu,
    });
  });
  return sequence('Zamowienie', { WartoscZamowienia: num(advance.order.value) ?? total.toFixed(2), ZamowienieWiersz: lines });
}

function fa(draft: InvoiceDraft, context: BuildContext): readonly XmlElement[] {
  const { totals } = context.computed;
  const foreign = (draft.currency ?? 'PLN') !== 'PLN';
  const amounts: Record<string, string | undefined> = {};
  for (const bucket of vatBuckets) {
    amounts[`P_13_${bucket}`] = totals.netByRate[bucket];
    if (taxedVatBuckets.includes(bucket) && totals.netByRate[bucket] !== undefined) {
      amounts[`P_14_${bucket}`] = totals.vatByRate[bucket] ?? '0.00';
      // P_14_5 has no PLN twin in the XSD.
      if (bucket !== '5') amounts[`P_14_${bucket}W`] = totals.vatByRatePln[bucket];
    }
  }
  const correction = draft.correction;
  const kor = draft.kind === 'KOR' || draft.kind === 'KOR_ZAL' || draft.kind === 'KOR_ROZ';
  const effectCodes = { 'original-date': '1', 'correction-date': '2', 'other-date': '3' } as const;
  const saleDate = draft.kind === 'ZAL' ? (draft.advance?.receivedOn ?? draft.saleDate) : draft.saleDate;
  return sequence('Fa', {
    KodWaluty: draft.currency ?? 'PLN',
    P_1: draft.issueDate,
    P_1M: draft.issuePlace,
    P_2: draft.number,
    WZ: draft.warehouseDocuments && [...draft.warehouseDocuments],
    P_6: saleDate,
    OkresFa: draft.salePeriod && sequence('OkresFa', { P_6_Od: draft.salePeriod.from, P_6_Do: draft.salePeriod.to }),
    ...amounts,
    P_15: totals.grossTotal,
    KursWalutyZ: draft.kind === 'ZAL' && foreign ? num(draft.exchangeRate) : undefined,
    Adnotacje: annotations(context.annotations),
    RodzajFaktury: draft.kind,
    ...(kor && correction
      ? {
          PrzyczynaKorekty: correction.reason,
          TypKorekty: correction.effect && effectCodes[correction.effect],
          DaneFaKorygowanej: correction.corrected.map((c) =>
            sequence('DaneFaKorygowanej', {
              DataWystFaKorygowanej: c.issueDate,
              NrFaKorygowanej: c.number,
              ...(c.ksefNumber ? { NrKSeF: yes, NrKSeFFaKorygowanej: c.ksefNumber } : { NrKSeFN: yes }),
            }),
          ),
          OkresFaKorygowanej: correction.period,
          NrFaKorygowany: correction.correctNumber,
          P_15ZK: draft.kind === 'KOR' ? undefined : num(correction.amountBefore),
        }
      : {}),
    DodatkowyOpis: draft.additionalInfo?.map((info) =>
      sequence('TKluczWartosc', { NrWiersza: info.lineNumber === undefined ? undefined : String(info.lineNumber), Klucz: info.key, Wartosc: info.value }),
    ),
    FakturaZaliczkowa: draft.kind === 'ROZ'
      ? draft.settlement?.advanceInvoices.map((ref) =>
          ref.ksefNumber
            ? sequence('FakturaZaliczkowa', { NrKSeFFaZaliczkowej: ref.ksefNumber })
            : sequence('FakturaZaliczkowa', { NrKSeFZN: yes, NrFaZaliczkowej: ref.number }),
        )
      : undefined,
    FaWiersz: draft.lines.map((l, i) => line(l, i, draft, context)),
    Platnosc: draft.payment && payment(draft.payment, context.form),
    Zamowienie: order(draft, context.form),
  });
}

function footer(draft: InvoiceDraft): readonly XmlElement[] | undefined {
  const f = draft.footer;
  if (!f) return undefined;
  const children = sequence('Stopka', {
    Informacje: f.texts?.map((text) => sequence('Informacje', { StopkaFaktury: text })),
    Rejestry: f.registries?.map((r) => sequence('Rejestry', { PelnaNazwa: r.fullName, KRS: r.krs, REGON: r.regon, BDO: r.bdo })),
  });
  return children.length > 0 ? children : undefined;
}

/** `DataWytworzeniaFa`: UTC, whole seconds (`2026-02-10T09:30:00Z`). */
export function formatDateTime(now: Date): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** Builds the `Faktura` tree for a checked draft and its computed totals, in the XSD's element order. */
export function buildFaktura(draft: InvoiceDraft, context: BuildContext): XmlElement {
  const info = faFormInfo(context.form);
  return {
    name: 'Faktura',
    attributes: { xmlns: info.namespace },
    content: sequence('Faktura', {
      Naglowek: sequence('TNaglowek', {
        KodFormularza: { text: 'FA', attributes: { kodSystemowy: info.systemCode, wersjaSchemy: info.schemaVersion } },
        WariantFormularza: info.variant,
        DataWytworzeniaFa: formatDateTime(context.now),
        SystemInfo: systemInfo,
      }),
      Podmiot1: seller(draft.seller),
      Podmiot2: buyer(draft.buyer, context.form),
      Podmiot3: draft.thirdParties?.map(thirdParty),
      PodmiotUpowazniony: draft.authorisedParty && authorisedParty(draft.authorisedParty),
      Fa: fa(draft, context),
      Stopka: footer(draft),
    }),
  };
}
