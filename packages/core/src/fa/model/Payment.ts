import type { IsoDate } from './DecimalString.js';

/** `TFormaPlatnosci`, named: 1 cash, 2 card, 3 voucher, 4 cheque, 5 credit, 6 transfer, 7 mobile. */
export type PaymentMethod = 'cash' | 'card' | 'voucher' | 'cheque' | 'credit' | 'transfer' | 'mobile';

/** The `FormaPlatnosci` code of each method. */
export const paymentMethodCodes: Readonly<Record<PaymentMethod, string>> = {
  cash: '1', card: '2', voucher: '3', cheque: '4', credit: '5', transfer: '6', mobile: '7',
};

/** `TRachunekBankowy`. */
export interface BankAccount {
  /** `NrRB`: the full account number (NRB or IBAN), 10–34 characters, kept as text. */
  readonly number: string;
  readonly swift?: string;
  readonly bankName?: string;
  readonly description?: string;
}

/**
 * A due date (`TerminPlatnosci`): a date, or in FA(3) a relative term (`TerminOpis`: 14 days from
 * delivery). FA(2) requires the date and writes the description as text.
 */
export interface DueDate {
  readonly date?: IsoDate;
  readonly relative?: { readonly count: number; readonly unit: string; readonly from: string };
}

/** `Platnosc`, plus the split-payment declaration that becomes `Adnotacje/P_18A`. */
export interface Payment {
  /** Paid in full before the invoice was issued (`Zaplacono` + `DataZaplaty`). */
  readonly paidOn?: IsoDate;
  readonly dueDates?: readonly DueDate[];
  /** A named method or `{ other }` with a description (`PlatnoscInna` + `OpisPlatnosci`). */
  readonly method?: PaymentMethod | { readonly other: string };
  readonly bankAccounts?: readonly BankAccount[];
  readonly factorBankAccounts?: readonly BankAccount[];
  /** `Skonto`: early-payment discount. */
  readonly earlyPaymentDiscount?: { readonly conditions: string; readonly amount: string };
  /**
   * Split payment ("mechanizm podzielonej płatności", `P_18A`). When absent it is derived: annex-15
   * lines, a buyer with NIP and a gross total over 15 000 PLN make it mandatory.
   */
  readonly splitPayment?: boolean;
}
